using Fetch.Build.Core.Http;
using Fetch.Build.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>Large files over several connections, still hashed once and in order.</summary>
public sealed class SegmentedTransferTests : DownloadHarnessFixture
{
    private const string ETag = "\"big\"";
    private const int Segments = 4;
    private static readonly byte[] Content = TestData.Bytes(1024 * 1024 + 123, seed: 7);

    [SetUp]
    public void OnePiecePerConnection()
    {
        // Unless a test says otherwise.
        Harness.Options = Harness.Options with { SegmentThreshold = 64 * 1024, SegmentCount = Segments, PieceSize = (Content.Length + Segments - 1) / Segments };
    }

    [Test]
    public async Task DownloadAsync_LargeFileFromRangeServer_UsesSeveralConnectionsAtOnceAndDigestMatches()
    {
        var barrier = new ArrivalBarrier(Segments);
        Harness.Server.Handle("big", async (context, _) =>
        {
            // No body byte flows until every segment has asked: only concurrent requests get through
            // quickly. The first request's headers must go out first, as they announce the length.
            if (context.Request.Headers.Range.Count == 0)
            {
                context.Response.Headers.ETag = ETag;
                context.Response.Headers.AcceptRanges = "bytes";
                context.Response.ContentLength = Content.Length;
                await context.Response.StartAsync();
                await context.Response.Body.FlushAsync();
                await barrier.ArriveAsync();
                await context.Response.Body.WriteAsync(Content);
                return;
            }

            await barrier.ArriveAsync();
            await StaticContent.WriteAsync(context, Content, ETag);
        });

        var downloaded = await Harness.DownloadAsync("big");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(downloaded.HashedLength, Is.EqualTo(Content.Length));
        Assert.That(barrier.TimedOut, Is.False, "all segments were in flight together");
        Assert.That(Harness.Server.MaxConcurrentRequests, Is.EqualTo(Segments));
        var ranges = Harness.RequestsTo("big").Select(r => r.Headers.GetValueOrDefault("Range")).ToList();
        Assert.That(ranges, Has.Count.EqualTo(Segments));
        Assert.That(ranges, Has.Exactly(1).Null, "the first request asks for everything and serves the first segment");
        Assert.That(ranges.OfType<string>(), Has.All.Match(@"^bytes=\d+-\d+$"));
        Assert.That(Harness.RequestsTo("big").Where(r => r.Headers.ContainsKey("Range")).Select(r => r.Headers["If-Range"]), Has.All.EqualTo(ETag));
    }

    [Test]
    public async Task DownloadAsync_ManyPieces_AreTakenInOrderAndEachFetchedOnce()
    {
        const int Piece = 64 * 1024;
        Harness.Options = Harness.Options with { PieceSize = Piece };
        Harness.Server.Serve("big", Content, ETag);

        var downloaded = await Harness.DownloadAsync("big");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(downloaded.HashedLength, Is.EqualTo(Content.Length));
        var pieces = (Content.Length + Piece - 1) / Piece;
        var starts = Harness.RequestsTo("big").Where(r => r.Headers.ContainsKey("Range"))
            .Select(r => long.Parse(r.Headers["Range"]["bytes=".Length..].Split('-')[0], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.That(starts, Is.EqualTo(Enumerable.Range(1, pieces - 1).Select(i => (long)i * Piece)));
        Assert.That(Harness.Server.MaxConcurrentRequests, Is.LessThanOrEqualTo(Segments + 1), "the open response's connection may still be closing");
    }

    [Test]
    public async Task DownloadAsync_ManyPieces_HashesEachWhileLaterOnesAreStillArriving()
    {
        const int Piece = 64 * 1024;
        Harness.Options = Harness.Options with { PieceSize = Piece };
        var lastStart = (Content.Length - 1) / Piece * Piece;
        var hasherKeptUp = false;
        Harness.Server.Handle("big", async (context, _) =>
        {
            // The last piece is held back until the hasher has covered everything before it.
            if (context.Request.Headers.Range.ToString().StartsWith($"bytes={lastStart}-", StringComparison.Ordinal))
            {
                hasherKeptUp = await HashedPrefixReachesAsync(lastStart);
            }

            await StaticContent.WriteAsync(context, Content, ETag);
        });

        var downloaded = await Harness.DownloadAsync("big");

        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(hasherKeptUp, Is.True, "every piece before the last was hashed while the last was still to come");
    }

    [Test]
    public async Task DownloadAsync_SegmentCutOff_ResumesFromHashedPrefixAndDigestMatches()
    {
        var cut = 0;
        Harness.Server.Handle("big", (context, _) =>
        {
            // The first request for the last segment breaks after a few bytes.
            var range = context.Request.Headers.Range.ToString();
            if (range.EndsWith($"-{Content.Length - 1}", StringComparison.Ordinal) && Interlocked.Exchange(ref cut, 1) == 0)
            {
                return StaticContent.WriteAsync(context, Content, ETag, truncateAt: Content.Length - 1000);
            }

            return StaticContent.WriteAsync(context, Content, ETag);
        });

        var downloaded = await Harness.DownloadAsync("big");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(cut, Is.EqualTo(1));
        Assert.That(Harness.RequestsTo("big").Skip(Segments).First().Headers["Range"], Does.Match(@"^bytes=[1-9]\d*-"), "the retry resumes after the hashed prefix");
    }

    [Test]
    public async Task DownloadAsync_ServerIgnoresClosedRanges_FallsBackToOneConnection()
    {
        Harness.Server.Handle("big", (context, _) =>
        {
            var range = context.Request.Headers.Range.ToString();
            if (range.Length > 0 && !range.EndsWith('-'))
            {
                context.Request.Headers.Remove("Range");
            }

            return StaticContent.WriteAsync(context, Content, ETag);
        });

        var downloaded = await Harness.DownloadAsync("big");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(Harness.RequestsTo("big").Last().Headers.ContainsKey("Range"), Is.False, "started over on one connection");
    }

    [Test]
    public async Task DownloadAsync_LengthBelowThreshold_UsesOneConnection()
    {
        Harness.Options = Harness.Options with { SegmentThreshold = Content.Length };
        Harness.Server.Serve("big", Content, ETag);

        await Harness.DownloadAsync("big");

        Assert.That(Harness.Server.RequestCount("big"), Is.EqualTo(1));
    }

    /// <summary>Waits (a state, polled; up to 10 s) until the resume sidecar vouches for <paramref name="length"/> hashed bytes.</summary>
    private async Task<bool> HashedPrefixReachesAsync(long length)
    {
        var source = ResumeState.SourceKey(Harness.Url("big"));
        for (var polls = 0; polls < 1000; polls++)
        {
            if (ResumeState.Load(Harness.PartialPath, source)?.GoodLength >= length)
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }

    /// <summary>Lets requests through once <c>count</c> have arrived, or after 10 s (then <see cref="TimedOut"/>).</summary>
    private sealed class ArrivalBarrier(int count)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public bool TimedOut { get; private set; }

        public async Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _arrived) >= count)
            {
                _all.TrySetResult();
            }

            try
            {
                await _all.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                TimedOut = true;
            }
        }
    }
}

using Fetch.Build.Core.Http;
using Fetch.Build.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>Resume decisions: continue with Range/If-Range, or start over and never append (RELIABILITY.md 12–14).</summary>
public sealed class HttpAttemptTests : DownloadHarnessFixture
{
    private const string ETag = "\"v1\"";
    private static readonly byte[] Content = TestData.Bytes(10_000);

    [Test]
    public async Task DownloadAsync_TruncatedBody_ResumesWithRangeAndIfRange()
    {
        Harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.TruncatedAsync(context, Content, ETag, 3000) : StaticContent.WriteAsync(context, Content, ETag));

        var downloaded = await Harness.DownloadAsync("file");

        AssertWhole(downloaded, Content);
        var retry = Harness.RequestsTo("file").Last();
        Assert.That(retry.Headers["Range"], Is.EqualTo("bytes=3000-"));
        Assert.That(retry.Headers["If-Range"], Is.EqualTo(ETag));
        Assert.That(downloaded.Result.TransferredBytes, Is.EqualTo(Content.Length), "3000 bytes, then the other 7000");
    }

    [Test]
    public async Task DownloadAsync_ConnectionResetMidBody_ResumesFromWhatArrived()
    {
        // An abort can overtake bytes in flight: reset only once the client holds them, as a real drop would.
        Harness.Server.Handle("file", (context, attempt) => attempt == 1
            ? Faults.ResetAsync(context, Content, ETag, 4000, () => Harness.WaitForPartialAsync(4000))
            : StaticContent.WriteAsync(context, Content, ETag));

        var downloaded = await Harness.DownloadAsync("file");

        AssertWhole(downloaded, Content);
        Assert.That(Harness.RequestsTo("file").Last().Headers["Range"], Is.EqualTo("bytes=4000-"));
    }

    [Test]
    public async Task DownloadAsync_ServerGoesSilent_InactivityTimeoutRetriesAndResumes()
    {
        Harness.Options = Harness.Options with { InactivityTimeout = TimeSpan.FromMilliseconds(300) };
        Harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.StallAsync(context, Content, ETag, 5000) : StaticContent.WriteAsync(context, Content, ETag));

        var downloaded = await Harness.DownloadAsync("file");

        AssertWhole(downloaded, Content);
        Assert.That(Harness.RequestsTo("file").Last().Headers["Range"], Is.EqualTo("bytes=5000-"));
    }

    [Test]
    public async Task DownloadAsync_ServerIgnoresRange_RestartsFromZeroWithoutAppending()
    {
        Harness.Server.Handle("file", async (context, attempt) =>
        {
            if (attempt == 1)
            {
                await Faults.TruncatedAsync(context, Content, ETag, 3000);
                return;
            }

            context.Request.Headers.Remove("Range");
            await StaticContent.WriteAsync(context, Content, ETag);
        });

        var downloaded = await Harness.DownloadAsync("file");

        AssertWhole(downloaded, Content);
        Assert.That(Harness.RequestsTo("file").Last().Headers.ContainsKey("Range"), "the resume was asked for");
    }

    [Test]
    public async Task DownloadAsync_ETagChangedBetweenAttempts_RestartsWithTheNewContent()
    {
        var newer = TestData.Bytes(12_000, seed: 2);
        Harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.TruncatedAsync(context, Content, ETag, 3000) : StaticContent.WriteAsync(context, newer, "\"v2\""));

        var downloaded = await Harness.DownloadAsync("file");

        AssertWhole(downloaded, newer);
        Assert.That(Harness.Server.RequestCount("file"), Is.EqualTo(2));
    }

    [TestCase(1000, ETag, TestName = "DownloadAsync_ContentRangeNotOurOffset_RestartsFromZero")]
    [TestCase(3000, "\"v2\"", TestName = "DownloadAsync_PartialAnswerWithOtherETag_RestartsFromZero")]
    public async Task DownloadAsync_ResumeAnswerThatDoesNotContinueUs_RestartsFromZero(int from, string etag)
    {
        Harness.Server.Handle("file", (context, attempt) => attempt switch
        {
            1 => Faults.TruncatedAsync(context, Content, ETag, 3000),
            2 => Faults.WrongRangeAsync(context, Content, etag, from),
            _ => StaticContent.WriteAsync(context, Content, ETag),
        });

        var downloaded = await Harness.DownloadAsync("file");

        AssertWhole(downloaded, Content);
        Assert.That(Harness.Server.RequestCount("file"), Is.EqualTo(3));
        Assert.That(Harness.RequestsTo("file").Last().Headers.ContainsKey("Range"), Is.False, "started over from byte 0");
    }

    [Test]
    public async Task DownloadAsync_PartialLeftByEarlierProcess_ResumedAndPrefixHashedFromDisk()
    {
        Harness.Options = Harness.Options with { RetryCount = 0 };
        Harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.TruncatedAsync(context, Content, ETag, 6000) : StaticContent.WriteAsync(context, Content, ETag));
        var url = new Uri(Harness.Url("file") + "?token=query-secret");

        await Harness.FailAsync(DownloadHarness.Spec(url));
        Assert.That(new FileInfo(Harness.PartialPath).Length, Is.EqualTo(6000));
        var sidecar = await File.ReadAllTextAsync(Harness.SidecarPath);
        Assert.That(sidecar, Does.Not.Contain("query-secret").And.Not.Contain("/file"), "the sidecar keeps a hash of the URL, not the URL");

        var downloaded = await Harness.DownloadAsync(DownloadHarness.Spec(url));

        AssertWhole(downloaded, Content);
        Assert.That(Harness.RequestsTo("file").Last().Headers["Range"], Is.EqualTo("bytes=6000-"));
        Assert.That(downloaded.Result.TransferredBytes, Is.EqualTo(4000));
    }

    [Test]
    public async Task DownloadAsync_PartialOfAnotherSource_NotResumed()
    {
        Harness.Options = Harness.Options with { RetryCount = 0 };
        Harness.Server.Handle("old", (context, _) => Faults.TruncatedAsync(context, Content, ETag, 6000));
        Harness.Server.Serve("new", Content, ETag);
        await Harness.FailAsync("old");

        var downloaded = await Harness.DownloadAsync("new");

        AssertWhole(downloaded, Content);
        Assert.That(Harness.RequestsTo("new").Single().Headers.ContainsKey("Range"), Is.False);
    }

    [Test]
    public async Task DownloadAsync_PartialAlreadyComplete_ServerSays416_NothingTransferred()
    {
        Harness.Server.Handle("file", (context, _) =>
        {
            if (context.Request.Headers.Range.Count > 0)
            {
                return Faults.StatusAsync(context, StatusCodes.Status416RangeNotSatisfiable, ("Content-Range", $"bytes */{Content.Length}"));
            }

            return StaticContent.WriteAsync(context, Content, ETag);
        });
        await Harness.DownloadAsync("file");

        var downloaded = await Harness.DownloadAsync("file");

        AssertWhole(downloaded, Content);
        Assert.That(downloaded.Result.TransferredBytes, Is.Zero);
    }

    private static void AssertWhole(DownloadHarness.Downloaded downloaded, byte[] expected)
    {
        Assert.That(downloaded.Content, Has.Length.EqualTo(expected.Length), "never appended to a stale prefix");
        Assert.That(downloaded.Content, Is.EqualTo(expected));
        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(expected)), "the hasher saw each byte once, in order");
        Assert.That(downloaded.HashedLength, Is.EqualTo(expected.Length));
        Assert.That(downloaded.Result.Length, Is.EqualTo(expected.Length));
    }
}

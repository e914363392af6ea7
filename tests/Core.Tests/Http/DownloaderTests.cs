using System.IO.Compression;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Integrity;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>The downloader as the pipeline sees it: sources in order, cancellation, secrets, bytes as sent.</summary>
public sealed class DownloaderTests : DownloadHarnessFixture
{
    private const string ETag = "\"v1\"";
    private static readonly byte[] Content = TestData.Bytes(10_000);

    [Test]
    public async Task DownloadAsync_MirrorsAfterFailures_NextUrlAtOnceWithoutWaiting()
    {
        Harness.Server.Handle("a", (context, _) => Faults.StatusAsync(context, 404));
        Harness.Server.Handle("b", (context, _) => Faults.StatusAsync(context, 503));
        Harness.Server.Serve("c", Content);

        var downloaded = await Harness.DownloadAsync(DownloadHarness.Spec(Harness.Url("a"), Harness.Url("b"), Harness.Url("c")));

        Assert.That(downloaded.Result.Source, Is.EqualTo(Harness.Url("c")));
        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(Harness.Server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/a", "/b", "/c" }), "each URL once, in order");
        Assert.That(Harness.Time.Waits, Is.Empty, "a failing URL hands over to the next at once");
    }

    [Test]
    public async Task DownloadAsync_EveryUrlTransient_BackoffBetweenRoundsNotBetweenUrls()
    {
        Harness.Server.Handle("a", (context, _) => Faults.StatusAsync(context, 503));
        Harness.Server.Handle("b", (context, attempt) => attempt < 3 ? Faults.StatusAsync(context, 500) : StaticContent.WriteAsync(context, Content, ETag));

        var downloaded = await Harness.DownloadAsync(DownloadHarness.Spec(Harness.Url("a"), Harness.Url("b")));

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(Harness.Server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/a", "/b", "/a", "/b", "/a", "/b" }));
        Assert.That(Harness.Time.Waits, Has.Count.EqualTo(2), "one backoff after each round that found nothing");
    }

    [Test]
    public async Task DownloadAsync_UrlRefusingForGood_LeftOutOfLaterRounds()
    {
        Harness.Server.Handle("a", (context, _) => Faults.StatusAsync(context, 404));
        Harness.Server.Handle("b", (context, attempt) => attempt < 3 ? Faults.StatusAsync(context, 503) : StaticContent.WriteAsync(context, Content, ETag));

        var downloaded = await Harness.DownloadAsync(DownloadHarness.Spec(Harness.Url("a"), Harness.Url("b")));

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(Harness.Server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/a", "/b", "/b", "/b" }));
    }

    [Test]
    public async Task DownloadAsync_WrongBytesFromTheFirstUrl_TheNextUrlGivesTheRightOnes()
    {
        Harness.Server.Serve("a", TestData.Bytes(10_000, seed: 7));
        Harness.Server.Serve("b", Content);
        var spec = DownloadHarness.Spec(Harness.Url("a"), Harness.Url("b")) with { Check = RightContentOnly };

        var downloaded = await Harness.DownloadAsync(spec);

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(Content)), "the hasher saw the second URL's bytes alone");
        Assert.That(Harness.Server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/a", "/b" }));
        Assert.That(Harness.Log.Messages, Has.Some.Contains("does not match the expected digest; trying the next URL"));
    }

    [Test]
    public async Task DownloadAsync_WrongBytesFromEveryUrl_FailsWithTheCheckDiagnosticAfterOneRound()
    {
        Harness.Server.Serve("a", TestData.Bytes(10_000, seed: 7));
        Harness.Server.Handle("b", (context, _) => Faults.StatusAsync(context, 404));
        Harness.Server.Serve("c", TestData.Bytes(10_000, seed: 8));
        var spec = DownloadHarness.Spec(Harness.Url("a"), Harness.Url("b"), Harness.Url("c")) with { Check = RightContentOnly };

        var error = Assert.ThrowsAsync<FetchException>(() => Harness.DownloadAsync(spec));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.DigestMismatchCode));
        Assert.That(Harness.Server.TotalRequests, Is.EqualTo(3), "no URL is asked again");
    }

    [Test]
    public async Task DownloadAsync_MirrorFailingBeforeAnyByte_LeavesThePrimaryItsPartialToResume()
    {
        Harness.Server.Handle("a", (context, attempt) =>
            attempt == 1 ? Faults.TruncatedAsync(context, Content, ETag, 4000) : StaticContent.WriteAsync(context, Content, ETag));
        Harness.Server.Handle("b", (context, _) => Faults.StatusAsync(context, 503));

        var downloaded = await Harness.DownloadAsync(DownloadHarness.Spec(Harness.Url("a"), Harness.Url("b")));

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(Harness.RequestsTo("a").Last().Headers["Range"], Is.EqualTo("bytes=4000-"));
    }

    [Test]
    public async Task DownloadAsync_EverySourceFails_MessageNamesEachAndMasksMirrors()
    {
        Harness.Server.Handle("a", (context, _) => Faults.StatusAsync(context, 404));
        Harness.Server.Handle("b", (context, _) => Faults.StatusAsync(context, 410));
        var mirror = new Uri(Harness.Url("b") + "?sig=secret-signature");

        var message = await Harness.FailAsync(DownloadHarness.Spec(Harness.Url("a"), mirror));

        Assert.That(message, Does.Contain("HTTP 404").And.Contain("then mirror").And.Contain("HTTP 410").And.Contain("sig=***"));
        Assert.That(message, Does.Not.Contain("secret-signature"));
    }

    [Test]
    public async Task DownloadAsync_ConnectionRefused_NextMirrorAtOnce()
    {
        Uri dead;
        await using (var gone = await LoopbackServer.StartAsync())
        {
            dead = gone.Url("file");
        }

        Harness.Server.Serve("file", Content, ETag);

        var downloaded = await Harness.DownloadAsync(DownloadHarness.Spec(dead, Harness.Url("file")));

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(Harness.Time.Waits, Is.Empty, "a refused connection moves to the next URL without a backoff");
    }

    [Test]
    public async Task DownloadAsync_FileSourceAfterHttpFailure_CopiesFileAndDropsHttpResumeState()
    {
        Harness.Options = Harness.Options with { RetryCount = 0 };
        Harness.Server.Handle("file", (context, _) => Faults.TruncatedAsync(context, Content, ETag, 4000));
        using var folder = new TempDirectory();
        var local = folder.Combine("local.bin");
        await File.WriteAllBytesAsync(local, Content);

        var downloaded = await Harness.DownloadAsync(DownloadHarness.Spec(Harness.Url("file"), new Uri(local)));

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(File.Exists(Harness.SidecarPath), Is.False, "an HTTP sidecar must not vouch for a file copy");
    }

    [Test]
    public async Task DownloadAsync_Cancelled_StopsPromptlyKeepsPartialAndLaterCallResumes()
    {
        Harness.Options = Harness.Options with { InactivityTimeout = TimeSpan.FromMinutes(5) };
        Harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.StallAsync(context, Content, ETag, 4000) : StaticContent.WriteAsync(context, Content, ETag));
        using var cancel = new CancellationTokenSource();

        var download = Harness.DownloadAsync(DownloadHarness.Spec(Harness.Url("file")), cancel.Token);
        await Harness.WaitForPartialAsync(4000);
        await cancel.CancelAsync();

        // The bound only catches a hang: the server would stay silent for minutes.
        Assert.That(async () => await download.WaitAsync(TimeSpan.FromSeconds(5)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(new FileInfo(Harness.PartialPath).Length, Is.EqualTo(4000));
        Assert.That(File.Exists(Harness.SidecarPath), "the resume state stays with the partial");

        var downloaded = await Harness.DownloadAsync("file");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(Harness.RequestsTo("file").Last().Headers["Range"], Is.EqualTo("bytes=4000-"));
    }

    [Test]
    public async Task DownloadAsync_GzipContentEncoding_StoredAsSent()
    {
        using var packed = new MemoryStream();
        await using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Content);
        }

        var sent = packed.ToArray();
        Harness.Server.Handle("model.tar.gz", (context, _) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return StaticContent.WriteAsync(context, sent, ETag);
        });

        var downloaded = await Harness.DownloadAsync("model.tar.gz");

        Assert.That(downloaded.Content, Is.EqualTo(sent));
    }

    [Test]
    public async Task DownloadAsync_Secrets_AbsentFromErrorsLogAndSidecar()
    {
        Harness.Options = Harness.Options with { RetryCount = 1, ProgressDelay = TimeSpan.Zero, ProgressInterval = TimeSpan.FromSeconds(1) };
        Harness.Server.Handle("start", (context, _) => Faults.RedirectAsync(context, "/file?sig=loc-SECRET-3"));
        Harness.Server.Handle("file", (context, _) => Faults.TruncatedAsync(context, Content, ETag, 3000));
        var source = new UriBuilder(Harness.Url("start")) { UserName = "user", Password = "pw-SECRET-4", Query = "key=q-SECRET-5" }.Uri;
        var spec = DownloadHarness.Spec([source], [new("X-Api-Key", "hdr-SECRET-2")], "tok-SECRET-1");

        var error = Assert.ThrowsAsync<FetchException>(() => Harness.DownloadAsync(spec));

        Assert.That(Harness.Log.Messages, Is.Not.Empty, "progress was reported, so it is checked too");
        List<string> produced = [error!.ToString(), error.Diagnostic.Message, .. Harness.Log.Messages, File.ReadAllText(Harness.SidecarPath)];
        Assert.That(produced, Has.None.Contains("SECRET"));
        Assert.That(error.Message, Does.Contain("key=***").And.Contain("***@"));
    }

    private static FetchDiagnostic? RightContentOnly(ContentDigests digests) =>
        digests.Sha256 == TestData.Sha256(Content) ? null : new FetchDiagnostic(DiagnosticCatalog.DigestMismatchCode, FetchSeverity.Error, "wrong bytes");
}

using System.IO.Compression;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>The downloader as the pipeline sees it: sources in order, cancellation, secrets, bytes as sent.</summary>
public sealed class DownloaderTests
{
    private const string ETag = "\"v1\"";
    private static readonly byte[] Content = TestData.Bytes(10_000);
    private DownloadHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await DownloadHarness.StartAsync();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task DownloadAsync_MirrorsAfterFailures_TriedInOrder()
    {
        _harness.Server.Handle("a", (context, _) => Faults.StatusAsync(context, 404));
        _harness.Server.Handle("b", (context, _) => Faults.StatusAsync(context, 503));
        _harness.Server.Serve("c", Content);

        var downloaded = await _harness.DownloadAsync(DownloadHarness.Spec(_harness.Url("a"), _harness.Url("b"), _harness.Url("c")));

        Assert.That(downloaded.Result.Source, Is.EqualTo(_harness.Url("c")));
        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(_harness.Server.Requests.Select(r => r.Path).Distinct(), Is.EqualTo(new[] { "/a", "/b", "/c" }));
        Assert.That(_harness.Server.RequestCount("b"), Is.EqualTo(4), "the mirror gets its own retries");
    }

    [Test]
    public async Task DownloadAsync_EverySourceFails_MessageNamesEachAndMasksMirrors()
    {
        _harness.Server.Handle("a", (context, _) => Faults.StatusAsync(context, 404));
        _harness.Server.Handle("b", (context, _) => Faults.StatusAsync(context, 410));
        var mirror = new Uri(_harness.Url("b") + "?sig=secret-signature");

        var message = await _harness.FailAsync(DownloadHarness.Spec(_harness.Url("a"), mirror));

        Assert.That(message, Does.Contain("HTTP 404").And.Contain("then mirror").And.Contain("HTTP 410").And.Contain("sig=***"));
        Assert.That(message, Does.Not.Contain("secret-signature"));
    }

    [Test]
    public async Task DownloadAsync_ConnectionRefused_RetriedThenNextMirror()
    {
        Uri dead;
        await using (var gone = await LoopbackServer.StartAsync())
        {
            dead = gone.Url("file");
        }

        _harness.Server.Serve("file", Content, ETag);

        var downloaded = await _harness.DownloadAsync(DownloadHarness.Spec(dead, _harness.Url("file")));

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(_harness.Time.Waits, Has.Count.EqualTo(_harness.Options.RetryCount), "every retry of the dead source waited its backoff");
    }

    [Test]
    public async Task DownloadAsync_FileSourceAfterHttpFailure_CopiesFileAndDropsHttpResumeState()
    {
        _harness.Options = _harness.Options with { RetryCount = 0 };
        _harness.Server.Handle("file", (context, _) => Faults.TruncatedAsync(context, Content, ETag, 4000));
        using var folder = new TempDirectory();
        var local = folder.Combine("local.bin");
        await File.WriteAllBytesAsync(local, Content);

        var downloaded = await _harness.DownloadAsync(DownloadHarness.Spec(_harness.Url("file"), new Uri(local)));

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(File.Exists(_harness.SidecarPath), Is.False, "an HTTP sidecar must not vouch for a file copy");
    }

    [Test]
    public async Task DownloadAsync_Cancelled_StopsPromptlyKeepsPartialAndLaterCallResumes()
    {
        _harness.Options = _harness.Options with { InactivityTimeout = TimeSpan.FromMinutes(5) };
        _harness.Server.Handle("file", (context, attempt) =>
            attempt == 1 ? Faults.StallAsync(context, Content, ETag, 4000) : StaticContent.WriteAsync(context, Content, ETag));
        using var cancel = new CancellationTokenSource();

        var download = _harness.DownloadAsync(DownloadHarness.Spec(_harness.Url("file")), cancel.Token);
        await _harness.WaitForPartialAsync(4000);
        await cancel.CancelAsync();

        // The bound only catches a hang: the server would stay silent for minutes.
        Assert.That(async () => await download.WaitAsync(TimeSpan.FromSeconds(5)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(new FileInfo(_harness.PartialPath).Length, Is.EqualTo(4000));
        Assert.That(File.Exists(_harness.SidecarPath), "the resume state stays with the partial");

        var downloaded = await _harness.DownloadAsync("file");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(downloaded.HashedSha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(_harness.RequestsTo("file").Last().Headers["Range"], Is.EqualTo("bytes=4000-"));
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
        _harness.Server.Handle("model.tar.gz", (context, _) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return StaticContent.WriteAsync(context, sent, ETag);
        });

        var downloaded = await _harness.DownloadAsync("model.tar.gz");

        Assert.That(downloaded.Content, Is.EqualTo(sent));
    }

    [Test]
    public async Task DownloadAsync_Secrets_AbsentFromErrorsLogAndSidecar()
    {
        _harness.Options = _harness.Options with { RetryCount = 1, ProgressDelay = TimeSpan.Zero, ProgressInterval = TimeSpan.FromSeconds(1) };
        _harness.Server.Handle("start", (context, _) => Faults.RedirectAsync(context, "/file?sig=loc-SECRET-3"));
        _harness.Server.Handle("file", (context, _) => Faults.TruncatedAsync(context, Content, ETag, 3000));
        var source = new UriBuilder(_harness.Url("start")) { UserName = "user", Password = "pw-SECRET-4", Query = "key=q-SECRET-5" }.Uri;
        var spec = DownloadHarness.Spec(source) with
        {
            Headers = [new("X-Api-Key", "hdr-SECRET-2")],
            BearerToken = "tok-SECRET-1",
            BearerTokenVariable = "TOKEN",
        };

        var error = Assert.ThrowsAsync<FetchException>(() => _harness.DownloadAsync(spec));

        Assert.That(_harness.Log.Messages, Is.Not.Empty, "progress was reported, so it is checked too");
        List<string> produced = [error!.ToString(), error.Diagnostic.Message, .. _harness.Log.Messages, File.ReadAllText(_harness.SidecarPath)];
        Assert.That(produced, Has.None.Contains("SECRET"));
        Assert.That(error.Message, Does.Contain("key=***").And.Contain("***@"));
    }
}

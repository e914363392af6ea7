using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Settings;
using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Remote;

/// <summary>Write-back to a real nginx store with WebDAV PUT (FetchRemoteCacheUpload, SPEC §9).</summary>
[Platform(Exclude = "Win", Reason = "the test store is Unix nginx")]
public sealed class RemoteStoreUploadTests
{
    private static readonly byte[] Content = TestData.Bytes(300_000, seed: 63);
    private static readonly string Sha = TestData.Sha256(Content);
    private PipelineHarness _h = null!;
    private NginxStore _store = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        _h.Server.Serve("models/w.bin", Content);
        _store = await NginxStore.StartAsync();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _store.DisposeAsync();
        await _h.DisposeAsync();
    }

    [Test]
    public async Task RunAsync_VerifiedOriginDownload_IsPutInTheStoreAndAnotherCacheGetsItFromThereAlone()
    {
        var (first, firstLog) = await _h.RunAsync(Settings(), Pinned());
        _h.CacheDirectory = Path.Combine(_h.Root, "runner-b-cache");
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "runner-b")).FullName;
        var (second, secondLog) = await _h.RunAsync(Settings(), Pinned());

        Assert.That(first.Succeeded && second.Succeeded, Is.True, firstLog + "\n" + secondLog);
        Assert.That(_store.Blob(Sha), Is.EqualTo(Content));
        Assert.That(_h.Server.RequestCount("models/w.bin"), Is.EqualTo(1));
        Assert.That(_store.Requests.Select(r => (r.Method, r.Status)), Is.EqualTo(new[] { ("GET", 404), ("HEAD", 404), ("PUT", 201), ("GET", 200) }));
        Assert.That(firstLog.Messages, Has.Some.Contains("0 from the remote store, 1 uploaded to it"));
        Assert.That(File.ReadAllBytes(_h.Placed("w.bin")), Is.EqualTo(Content));
    }

    [Test]
    public async Task RunAsync_AnotherRunnerUploadedItMeanwhile_HeadSaysSoAndNothingIsSent()
    {
        // While this build downloads from the origin, another runner puts the same content in the store.
        _h.Server.Handle("models/w.bin", (context, _) =>
        {
            _store.Put(Content);
            return StaticContent.WriteAsync(context, Content, "\"v1\"");
        });

        var (outcome, log) = await _h.RunAsync(Settings(), Pinned());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Diagnostics, Is.Empty);
        Assert.That(_store.Requests.Select(r => (r.Method, r.Status)), Is.EqualTo(new[] { ("GET", 404), ("HEAD", 200) }));
    }

    [Test]
    public async Task RunAsync_ContentTheStoreGave_IsNotSentBack()
    {
        _store.Put(Content);

        var (outcome, log) = await _h.RunAsync(Settings(), Pinned());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(_store.Requests.Select(r => r.Method), Is.EqualTo(new[] { "GET" }));
    }

    [Test]
    public async Task RunAsync_StoreAnswers500ToPut_TheBuildSucceedsWithFB1016()
    {
        await _store.DisposeAsync();
        _store = await NginxStore.StartAsync(new NginxStoreOptions { Refusals = [("PUT", 500)] });

        var (outcome, log) = await _h.RunAsync(Settings(), Pinned());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        var warning = log.Diagnostics.Single();
        Assert.That((warning.Code, warning.Severity), Is.EqualTo((DiagnosticCatalog.RemoteStoreFailedCode, FetchSeverity.Warning)));
        Assert.That(warning.Message, Does.Contain("uploading to the remote content store failed").And.Contain("HTTP 500"));
        Assert.That(File.ReadAllBytes(_h.Placed("w.bin")), Is.EqualTo(Content));
        Assert.That(_store.Requests.Select(r => (r.Method, r.Status)), Is.EqualTo(new[] { ("GET", 404), ("HEAD", 404), ("PUT", 500) }));
    }

    private RawSettings Settings() => new RawSettings().With("FetchRemoteCache", _store.BaseUri.AbsoluteUri).With("FetchRemoteCacheUpload", "true");

    private Core.Requests.RawArtifact Pinned() => PipelineHarness.Artifact(_h.Url("models/w.bin"), ("Sha256", Sha));
}

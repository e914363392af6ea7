using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Settings;
using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Remote;

/// <summary>Write-back to a real nginx store with WebDAV PUT (FetchRemoteCacheUpload, SPEC §9).</summary>
public sealed class RemoteStoreUploadTests : RemoteStoreFixture
{
    [Test]
    public async Task RunAsync_VerifiedOriginDownload_IsPutInTheStoreAndAnotherCacheGetsItFromThereAlone()
    {
        var (first, firstLog) = await H.RunAsync(Settings(), Pinned());
        H.CacheDirectory = Path.Combine(H.Root, "runner-b-cache");
        H.ProjectDirectory = Directory.CreateDirectory(Path.Combine(H.Root, "runner-b")).FullName;
        var (second, secondLog) = await H.RunAsync(Settings(), Pinned());

        Assert.That(first.Succeeded && second.Succeeded, Is.True, firstLog + "\n" + secondLog);
        Assert.That(Store.Blob(Sha), Is.EqualTo(Content));
        Assert.That(H.Server.RequestCount("models/w.bin"), Is.EqualTo(1));
        Assert.That(Store.Requests.Select(r => (r.Method, r.Status)), Is.EqualTo(new[] { ("GET", 404), ("HEAD", 404), ("PUT", 201), ("GET", 200) }));
        Assert.That(firstLog.Messages, Has.Some.Contains("0 from the remote store, 1 uploaded to it"));
        Assert.That(File.ReadAllBytes(H.Placed("w.bin")), Is.EqualTo(Content));
    }

    [Test]
    public async Task RunAsync_AnotherRunnerUploadedItMeanwhile_HeadSaysSoAndNothingIsSent()
    {
        // While this build downloads from the origin, another runner puts the same content in the store.
        H.Server.Handle("models/w.bin", (context, _) =>
        {
            Store.Put(Content);
            return StaticContent.WriteAsync(context, Content, "\"v1\"");
        });

        var (outcome, log) = await H.RunAsync(Settings(), Pinned());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Diagnostics, Is.Empty);
        Assert.That(Store.Requests.Select(r => (r.Method, r.Status)), Is.EqualTo(new[] { ("GET", 404), ("HEAD", 200) }));
    }

    [Test]
    public async Task RunAsync_ContentTheStoreGave_IsNotSentBack()
    {
        Store.Put(Content);

        var (outcome, log) = await H.RunAsync(Settings(), Pinned());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(Store.Requests.Select(r => r.Method), Is.EqualTo(new[] { "GET" }));
    }

    [Test]
    public async Task RunAsync_StoreAnswers500ToPut_TheBuildSucceedsWithFB1016()
    {
        await RestartStoreAsync(new NginxStoreOptions { Refusals = [("PUT", 500)] });

        var (outcome, log) = await H.RunAsync(Settings(), Pinned());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        var warning = log.Diagnostics.Single();
        Assert.That((warning.Code, warning.Severity), Is.EqualTo((DiagnosticCatalog.RemoteStoreFailedCode, FetchSeverity.Warning)));
        Assert.That(warning.Message, Does.Contain("uploading to the remote content store failed").And.Contain("HTTP 500"));
        Assert.That(File.ReadAllBytes(H.Placed("w.bin")), Is.EqualTo(Content));
        Assert.That(Store.Requests.Select(r => (r.Method, r.Status)), Is.EqualTo(new[] { ("GET", 404), ("HEAD", 404), ("PUT", 500) }));
    }

    private RawSettings Settings() => new RawSettings().With("FetchRemoteCache", Store.BaseUri.AbsoluteUri).With("FetchRemoteCacheUpload", "true");
}

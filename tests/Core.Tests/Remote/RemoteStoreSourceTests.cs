using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Settings;
using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Remote;

/// <summary>Read-through from a real nginx store before the Kestrel origin (SPEC §9).</summary>
public sealed class RemoteStoreSourceTests : RemoteStoreFixture
{
    [Test]
    public async Task RunAsync_StoreHasTheBlob_NoOriginRequestAndTheSummarySaysSo()
    {
        Store.Put(Content);

        var (outcome, log) = await H.RunAsync(Settings(), Pinned());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(H.Server.TotalRequests, Is.Zero);
        Assert.That(File.ReadAllBytes(H.Placed("w.bin")), Is.EqualTo(Content));
        Assert.That(Store.Requests.Select(r => (r.Method, r.Path, r.Status)), Is.EqualTo(new[] { ("GET", "/cas/" + Sha, 200) }));
        Assert.That(outcome.Artifacts.Single().FromCache, Is.False);
        Assert.That(log.Messages, Has.Some.Contains("1 artifact(s), 0 from cache, 1 from the remote store, 0 uploaded to it, 300000 bytes downloaded"));
    }

    [Test]
    public async Task RunAsync_StoreLacksTheBlob_TheOriginIsUsedQuietly()
    {
        var (outcome, log) = await H.RunAsync(Settings(), Pinned());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Diagnostics, Is.Empty);
        Assert.That(Store.Requests.Select(r => r.Status), Is.EqualTo(new[] { 404 }));
        Assert.That(H.Server.RequestCount("models/w.bin"), Is.EqualTo(1));
        Assert.That(Store.Blob(Sha), Is.Null, "nothing is uploaded without FetchRemoteCacheUpload");
    }

    [Test]
    public async Task RunAsync_StoreServesWrongBytes_FB1016TheOriginIsUsedAndNothingWrongIsKept()
    {
        var wrong = TestData.Bytes(Content.Length, seed: 62);
        Store.Put(wrong, Sha);

        var (outcome, log) = await H.RunAsync(Settings(), Pinned());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        var warning = log.Diagnostics.Single();
        Assert.That((warning.Code, warning.Severity), Is.EqualTo((DiagnosticCatalog.RemoteStoreFailedCode, FetchSeverity.Warning)));
        Assert.That(warning.Message, Does.Contain("served wrong content").And.Contain(TestData.Sha256(wrong)).And.Contain(Store.BaseUri + "cas/" + Sha));
        Assert.That(H.Server.RequestCount("models/w.bin"), Is.EqualTo(1));
        Assert.That(File.ReadAllBytes(H.Placed("w.bin")), Is.EqualTo(Content));
        var blobs = Directory.GetFiles(Path.Combine(H.CacheDirectory, "blobs"), "*", SearchOption.AllDirectories).Select(Path.GetFileName);
        Assert.That(blobs, Is.EqualTo(new[] { Sha }));
        Assert.That(Directory.GetFiles(Path.Combine(H.CacheDirectory, "partial")), Is.Empty);
    }

    [Test]
    public async Task RunAsync_StoreAnswers500_FB1016AndTheOriginIsUsedWithoutRetryingTheStore()
    {
        await RestartStoreAsync(new NginxStoreOptions { Refusals = [("GET", 500)] });

        var (outcome, log) = await H.RunAsync(Settings(), Pinned());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("the remote content store failed at").And.Contain("HTTP 500"));
        Assert.That(Store.Requests, Has.Count.EqualTo(1));
        Assert.That(H.Server.RequestCount("models/w.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_UnpinnedArtifact_TheStoreIsNeverAsked()
    {
        var (outcome, log) = await H.RunAsync(Settings().With("FetchRemoteCacheUpload", "true"), PipelineHarness.Artifact(H.Url("models/w.bin")));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(Store.Requests, Is.Empty);
    }

    [Test]
    public async Task RunAsync_Offline_NeverContactsTheStore()
    {
        Store.Put(Content);

        var (missed, _) = await H.RunAsync(Settings().With("FetchOffline", "true"), Pinned());
        await H.RunAsync(Settings(), Pinned());
        H.ProjectDirectory = Directory.CreateDirectory(Path.Combine(H.Root, "other")).FullName;
        var (cached, log) = await H.RunAsync(Settings().With("FetchOffline", "true").With("FetchRemoteCacheUpload", "true"), Pinned());

        Assert.That(missed.Results.Single().Diagnostics.Single().Code, Is.EqualTo(DiagnosticCatalog.OfflineMissCode));
        Assert.That(cached.Succeeded, Is.True, log.ToString());
        Assert.That(Store.Requests, Has.Count.EqualTo(1), "only the build that was online asked the store");
    }

    [Test]
    public async Task RunAsync_StoreTokenVariable_TheTokenGoesToTheStoreOnlyAndTheItemsTokenToTheOriginOnly()
    {
        await RestartStoreAsync(new NginxStoreOptions { RequiredBearer = "store-SECRET" });
        H.Environment["STORE_TOKEN"] = "store-SECRET";
        H.Environment["ORIGIN_TOKEN"] = "origin-SECRET";
        var artifact = PipelineHarness.Artifact(H.Url("models/w.bin"), ("Sha256", Sha), ("BearerTokenVariable", "ORIGIN_TOKEN"));

        var (outcome, log) = await H.RunAsync(Settings().With("FetchRemoteCacheTokenVariable", "STORE_TOKEN").With("FetchRemoteCacheUpload", "true"), artifact);

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Diagnostics, Is.Empty);
        Assert.That(Store.Requests.Select(r => (r.Method, r.Status, r.Authorization)),
            Is.EqualTo(new[] { ("GET", 404, "Bearer store-SECRET"), ("HEAD", 404, "Bearer store-SECRET"), ("PUT", 201, "Bearer store-SECRET") }));
        Assert.That(H.Server.Requests.Single().Headers["Authorization"], Is.EqualTo("Bearer origin-SECRET"));
    }

    [Test]
    public async Task RunAsync_StoreWantsATokenNoneIsSet_FB1016SaysWhichSettingAndTheOriginIsUsed()
    {
        await RestartStoreAsync(new NginxStoreOptions { RequiredBearer = "store-SECRET" });

        var (outcome, log) = await H.RunAsync(Settings().With("FetchRemoteCacheTokenVariable", "STORE_TOKEN"), Pinned());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("HTTP 401").And.Contain("FetchRemoteCacheTokenVariable names 'STORE_TOKEN'"));
    }

    private RawSettings Settings() => new RawSettings().With("FetchRemoteCache", Store.BaseUri.AbsoluteUri);
}

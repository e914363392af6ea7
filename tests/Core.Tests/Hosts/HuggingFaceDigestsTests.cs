using Fetch.Build.Core.Settings;
using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Hosts;

/// <summary>
/// A loopback hub that answers as huggingface.co does: a resolve URL of an LFS file is a 302 to
/// the CDN (another host) carrying <c>X-Linked-Etag</c> and <c>X-Repo-Commit</c>; a file kept in
/// git is served by the hub itself, with its git blob id as ETag.
/// </summary>
public sealed class HuggingFaceDigestsTests
{
    private const string Resolve = "org/model/resolve/main/model.bin";
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private static readonly byte[] Content = TestData.Bytes(9_000, seed: 71);
    private PipelineHarness _h = null!;
    private LoopbackServer _cdn = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        _cdn = await LoopbackServer.StartAsync("127.0.0.2");
        _h.Hosts = _h.Hosts with { HuggingFace = _h.Server.BaseUri };
        _h.Environment["HF_TOKEN"] = "hf_s3cret";
        _cdn.Serve("blobs/model.bin", Content);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _cdn.DisposeAsync();
        await _h.DisposeAsync();
    }

    [Test]
    public async Task RunAsync_LfsFileMatchingXLinkedEtag_IsPinnedByTheHubAndTheTokenNeverReachesTheCdn()
    {
        ServeLfs(TestData.Sha256(Content));

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url(Resolve)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.Empty, "verified by the hub: no FB1005");
        Assert.That(log.Messages, Has.Some.Contains("SHA-256 the hub's X-Linked-Etag gives (X-Repo-Commit " + Commit + ")"));
        Assert.That(_h.Server.Requests.Select(r => r.Method), Is.EqualTo(new[] { "HEAD", "GET" }));
        Assert.That(_h.Server.Requests.Select(r => r.Headers.GetValueOrDefault("Authorization")), Is.All.EqualTo("Bearer hf_s3cret"));
        Assert.That(_cdn.Requests.Select(r => r.Headers.ContainsKey("Authorization")), Is.All.False, "the CDN is another host");
        Assert.That(File.ReadAllBytes(_h.Placed("model.bin")), Is.EqualTo(Content));
    }

    [Test]
    public async Task RunAsync_LfsFileNotMatchingXLinkedEtag_FailsFB1001SayingTheHubGaveTheDigest()
    {
        ServeLfs(new string('e', 64));

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url(Resolve)));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1001" }));
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("the hub's X-Linked-Etag gives"));
        Assert.That(File.Exists(_h.Placed("model.bin")), Is.False);
    }

    [Test]
    public async Task RunAsync_FileKeptInGit_StaysUnpinnedAndFB1005SaysTheHubPublishesNoSha256()
    {
        _h.Server.Handle("org/model/resolve/main/config.json", (context, _) =>
        {
            context.Response.Headers["X-Repo-Commit"] = Commit;
            return StaticContent.WriteAsync(context, Content, "\"" + new string('b', 40) + "\"");
        });

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("org/model/resolve/main/config.json")));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1005" }));
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("none was published (the Hugging Face hub publishes no SHA-256 for this file"));
    }

    [Test]
    public async Task RunAsync_HubDown_TheUnverifiedDownloadIsSaid()
    {
        _h.Server.Handle(Resolve, (context, _) => context.Request.Method == "HEAD"
            ? Faults.StatusAsync(context, 404)
            : Faults.RedirectAsync(context, _cdn.Url("blobs/model.bin").AbsoluteUri));

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url(Resolve)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Messages, Has.Some.Contains("no published digest: the Hugging Face hub did not answer"));
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("none was published (the Hugging Face hub did not answer"));
    }

    [Test]
    public async Task RunAsync_HubVerifiedContentFromTheCacheInAnotherProject_IsStillPinned()
    {
        ServeLfs(TestData.Sha256(Content));
        await _h.RunAsync(PipelineHarness.Artifact(_h.Url(Resolve)));
        _h.ProjectDirectory = Path.Combine(_h.Root, "other");
        Directory.CreateDirectory(_h.ProjectDirectory);

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url(Resolve)));

        Assert.That(outcome.Artifacts.Single().FromCache, Is.True, log.ToString());
        Assert.That(log.Codes, Is.Empty);
        Assert.That(_h.Server.RequestCount(Resolve), Is.EqualTo(2), "the second build asks neither the hub nor the CDN");
    }

    [Test]
    public async Task RunAsync_HubVerifiedWithRequireHash_IsAcceptedAndStaysUpToDateWithoutRequests()
    {
        ServeLfs(TestData.Sha256(Content));
        var requireHash = new RawSettings().With("FetchRequireHash", "true");
        var (first, firstLog) = await _h.RunAsync(requireHash, PipelineHarness.Artifact(_h.Url(Resolve)));

        var (outcome, log) = await _h.RunAsync(requireHash, PipelineHarness.Artifact(_h.Url(Resolve)));

        Assert.That((first.Succeeded, outcome.Succeeded), Is.EqualTo((true, true)), firstLog.ToString() + log);
        Assert.That(firstLog.Codes.Concat(log.Codes), Is.Empty);
        Assert.That(_h.Server.TotalRequests + _cdn.TotalRequests, Is.EqualTo(3), "HEAD, GET and the CDN's GET, all in the first build");
    }

    private void ServeLfs(string sha256) => _h.Server.Handle(Resolve, (context, _) =>
    {
        context.Response.Headers["X-Linked-Etag"] = "\"" + sha256 + "\"";
        context.Response.Headers["X-Repo-Commit"] = Commit;
        context.Response.Headers.ETag = "\"" + sha256 + "\"";
        return Faults.RedirectAsync(context, _cdn.Url("blobs/model.bin").AbsoluteUri);
    });
}

using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Fetch.Build.Core.Tests.Hosts;

/// <summary>
/// The loopback server plays github.com (release downloads) and a second host plays
/// api.github.com, answering <c>releases/tags/{tag}</c> with the JSON GitHub sends: assets with
/// <c>name</c> and <c>digest</c> (<c>sha256:&lt;hex&gt;</c>).
/// </summary>
public sealed class GitHubReleaseDigestsTests
{
    private const string Asset = "acme/tool/releases/download/v1.2.0/tool.tar.gz";
    private const string Release = "repos/acme/tool/releases/tags/v1.2.0";
    private static readonly byte[] Content = TestData.Bytes(7_000, seed: 72);
    private PipelineHarness _h = null!;
    private LoopbackServer _api = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        _api = await LoopbackServer.StartAsync("127.0.0.2");
        _h.Hosts = _h.Hosts with { GitHubServer = _h.Server.BaseUri, GitHubApi = _api.BaseUri };
        _h.Environment["GITHUB_TOKEN"] = "ghp_s3cret";
        _h.Server.Serve(Asset, Content);
        _h.Server.Serve("acme/tool/releases/download/v1.2.0/notes.txt", Content);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _api.DisposeAsync();
        await _h.DisposeAsync();
    }

    [Test]
    public async Task RunAsync_AssetMatchingItsDigest_IsPinnedByTheReleaseAndTheTokenGoesToTheApiOnly()
    {
        ServeRelease("sha256:" + TestData.Sha256(Content));

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url(Asset)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.Empty, "verified by the release: no FB1005");
        Assert.That(log.Messages, Has.Some.Contains("SHA-256 the GitHub release lists"));
        Assert.That(_api.Requests.Single().Headers.GetValueOrDefault("Authorization"), Is.EqualTo("Bearer ghp_s3cret"));
        Assert.That(_h.Server.Requests.Select(r => r.Headers.ContainsKey("Authorization")), Is.All.False, "github.com itself gets no token");
    }

    [Test]
    public async Task RunAsync_AssetNotMatchingItsDigest_FailsFB1001SayingTheReleaseListsIt()
    {
        ServeRelease("sha256:" + new string('c', 64));

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url(Asset)));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1001" }));
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("the GitHub release lists"));
    }

    [Test]
    public async Task RunAsync_TwoAssetsOfOneRelease_AskTheApiOnce()
    {
        ServeRelease("sha256:" + TestData.Sha256(Content));

        var (outcome, log) = await _h.RunAsync(
            PipelineHarness.Artifact(_h.Url(Asset)),
            PipelineHarness.Artifact(_h.Url("acme/tool/releases/download/v1.2.0/notes.txt")));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(_api.RequestCount(Release), Is.EqualTo(1));
        Assert.That(log.Codes, Is.Empty);
    }

    [Test]
    public async Task RunAsync_ReleaseWithoutDigests_FB1005SaysTheReleaseListsNone()
    {
        ServeRelease(null);

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url(Asset)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1005" }));
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("none was published (the GitHub release lists no SHA-256 digest for 'tool.tar.gz'"));
    }

    [Test]
    public async Task RunAsync_ApiRefuses_TheUnverifiedDownloadIsSaid()
    {
        _api.Handle(Release, (context, _) => Faults.StatusAsync(context, StatusCodes.Status404NotFound));

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url(Asset)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Messages, Has.Some.Contains("no published digest: the GitHub release"));
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("did not answer"));
    }

    private void ServeRelease(string? digest) => _api.Handle(Release, (context, _) => context.Response.WriteAsJsonAsync(new
    {
        tag_name = "v1.2.0",
        assets = new object[]
        {
            new { name = "tool.tar.gz", size = Content.Length, digest },
            new { name = "notes.txt", size = Content.Length, digest },
        },
    }));
}

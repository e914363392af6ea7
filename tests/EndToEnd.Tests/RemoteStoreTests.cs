using System.Text.RegularExpressions;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>
/// A CI fleet through real builds (issue 20, SPEC §9): two cache folders are two runners, a real
/// nginx is the shared store, Kestrel the origin.
/// </summary>
[Platform(Exclude = "Win", Reason = "the test store is Unix nginx")]
public sealed class RemoteStoreTests : ConsumerBuildFixture
{
    private static readonly byte[] Content = TestData.Bytes(150_000, seed: 81);
    private static readonly string Sha = TestData.Sha256(Content);

    // README "Properties": FetchRemoteCache and FetchRemoteCacheUpload, through their variables.
    [Test]
    public async Task Build_RunnerAUploadsRunnerBWithAnEmptyCache_RunnerBAsksTheOriginNothing()
    {
        await using var store = await NginxStore.StartAsync();
        Server.Serve("models/w.bin", Content);
        using var runnerBCache = new TempDirectory("fetch-e2e-runner-b");
        using var runnerA = Runner(Cache.Path, store);
        runnerA.Environment["FETCH_BUILD_REMOTE_CACHE_UPLOAD"] = "true";
        using var runnerB = Runner(runnerBCache.Path, store);

        var a = await runnerA.BuildAsync();
        var originAfterA = Server.TotalRequests;
        var b = await runnerB.BuildAsync();

        Assert.That(a.Succeeded && b.Succeeded, Is.True, a.Output + "\n" + b.Output);
        Assert.That(originAfterA, Is.EqualTo(1));
        Assert.That(store.Blob(Sha), Is.EqualTo(Content));
        Assert.That(Server.TotalRequests, Is.EqualTo(1), "runner B made zero origin requests");
        Assert.That(b.Output, Does.Contain("1 from the remote store"));
        Assert.That(File.ReadAllBytes(Path.Combine(runnerB.Folder, "obj", "fetch", "w.bin")), Is.EqualTo(Content));
        Assert.That(a.Output + b.Output, Does.Not.Contain("FB1016"));
    }

    [Test]
    public async Task Build_StoreDown_GreenFromTheOriginWithOneFB1016()
    {
        var down = NginxStore.ClosedPortUri();
        Server.Serve("models/w.bin", Content);
        var other = TestData.Bytes(2_000, seed: 82);
        Server.Serve("models/v.bin", other);
        using var project = new ConsumerProject(Cache.Path)
        {
            Items =
            {
                ConsumerProject.Artifact(Server.Url("models/w.bin").AbsoluteUri, ("Sha256", Sha)),
                ConsumerProject.Artifact(Server.Url("models/v.bin").AbsoluteUri, ("Sha256", TestData.Sha256(other))),
            },
            Environment = { ["FETCH_BUILD_REMOTE_CACHE"] = down.AbsoluteUri, ["FETCH_BUILD_REMOTE_CACHE_UPLOAD"] = "true" },
        };

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        // MSBuild repeats each warning in its summary: one warning is one distinct line.
        var warnings = Regex.Matches(run.Output, @"warning FB1016:[^\r\n]*").Select(m => m.Value).Distinct().ToList();
        Assert.That(warnings, Has.Count.EqualTo(1), run.Output);
        Assert.That(warnings[0], Does.Contain("cannot be reached"));
        Assert.That(Server.TotalRequests, Is.EqualTo(2));
    }

    // README "Properties": FetchUrlRewriteFile.
    [Test]
    public async Task Build_RewriteToTheLoopbackOrigin_FetchesThroughItAndTheCacheKnowsTheIncludeUrl()
    {
        const string Include = "https://models.example.invalid/org/w.bin";
        Server.Serve("mirror/org/w.bin", Content);
        using var first = Rewritten(Include, $@"rewrite ^https://models\.example\.invalid/(.*)$ {Server.Url("mirror/")}$1");
        // The same Include URL, now rewritten to where nothing is: only the cache can give it.
        using var second = Rewritten(Include, $@"rewrite ^https://models\.example\.invalid/(.*)$ {Server.Url("gone/")}$1");

        var a = await first.BuildAsync();
        var b = await second.BuildAsync();

        Assert.That(a.Succeeded && b.Succeeded, Is.True, a.Output + "\n" + b.Output);
        Assert.That(Server.RequestCount("mirror/org/w.bin"), Is.EqualTo(1));
        Assert.That(Server.TotalRequests, Is.EqualTo(1));
        Assert.That(b.Report.Artifacts.Single().SourceUrl, Is.EqualTo(Include));
        Assert.That(b.Report.Artifacts.Single().FromCache, Is.True);
    }

    [Test]
    public async Task Build_BlockedHost_FB1017BeforeAnyRequest()
    {
        Server.Serve("models/w.bin", Content);
        using var project = Rewritten(Server.Url("models/w.bin").AbsoluteUri, "block 127.0.0.1");

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1017"));
        Assert.That(Server.TotalRequests, Is.Zero);
    }

    // README "Properties": FetchRemoteCacheTokenVariable.
    [Test]
    public async Task Build_StoreThatWantsAToken_GetsTheOneTheVariableNamesAndServes()
    {
        await using var store = await NginxStore.StartAsync(new NginxStoreOptions { RequiredBearer = "st0re-t0ken" });
        store.Put(Content);
        Server.Serve("models/w.bin", Content);
        using var runner = Runner(Cache.Path, store);
        runner.Properties["FetchRemoteCacheTokenVariable"] = "E2E_STORE_TOKEN";
        runner.Environment["E2E_STORE_TOKEN"] = "st0re-t0ken";

        var run = await runner.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(Server.TotalRequests, Is.Zero, "served by the store");
        Assert.That(run.Output, Does.Contain("1 from the remote store").And.Not.Contain("FB1016").And.Not.Contain("st0re-t0ken"));
    }

    private ConsumerProject Runner(string cache, NginxStore store) => new(cache)
    {
        Items = { ConsumerProject.Artifact(Server.Url("models/w.bin").AbsoluteUri, ("Sha256", Sha)) },
        Environment = { ["FETCH_BUILD_REMOTE_CACHE"] = store.BaseUri.AbsoluteUri },
    };

    /// <summary>A project whose rewrite file (next to it) holds <paramref name="rules"/>; the item is unpinned, so the cache finds it by URL alone.</summary>
    private ConsumerProject Rewritten(string include, string rules)
    {
        var project = new ConsumerProject(Cache.Path) { Items = { ConsumerProject.Artifact(include) } };
        File.WriteAllText(Path.Combine(project.Folder, "rewrites.txt"), rules + "\n");
        project.Properties["FetchUrlRewriteFile"] = "rewrites.txt";
        return project;
    }
}

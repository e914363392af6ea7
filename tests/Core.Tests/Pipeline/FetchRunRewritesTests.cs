using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Settings;
using Fetch.Build.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Fetch.Build.Core.Tests.Pipeline;

/// <summary>URL rewrite rules through a whole run (SPEC §9): applied before any request, the artifact keeping its identity.</summary>
public sealed class FetchRunRewritesTests
{
    private const string Original = "https://models.example.invalid/org/w.bin";
    private static readonly byte[] Content = TestData.Bytes(30_000, seed: 41);
    private static readonly string Sha = TestData.Sha256(Content);
    private PipelineHarness _h = null!;
    private string _rules = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        _h.Server.Serve("mirror/org/w.bin", Content);
        _rules = Path.Combine(_h.Root, "rewrites.txt");
        WriteRules($@"rewrite ^https://models\.example\.invalid/(.*)$ {_h.Url("mirror/")}$1");
    }

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [Test]
    public async Task RunAsync_IncludeRewrittenToTheLoopbackMirror_IsFetchedThereAndKeptUnderTheOriginalUrl()
    {
        var (outcome, log) = await _h.RunAsync(Settings(), PipelineHarness.Artifact(Original));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(_h.Server.RequestCount("mirror/org/w.bin"), Is.EqualTo(1));
        Assert.That(outcome.Artifacts.Single().SourceUrl, Is.EqualTo(Original));
        Assert.That(log.Messages, Has.Some.Contains($"{Original}: {Original} is fetched as {_h.Url("mirror/org/w.bin")} ({_rules}(1))"));
        var layout = new CacheLayout(_h.CacheDirectory);
        using var registry = CacheRegistry.Open(layout, new ContentStore(layout), TimeProvider.System, _ => { });
        Assert.That(registry.FindByUrl(UrlKeys.For(new Uri(Original), [])), Is.EqualTo(Sha));
    }

    [Test]
    public async Task RunAsync_RewrittenThenWithoutRulesOffline_IsServedFromTheCacheByItsOriginalUrl()
    {
        await _h.RunAsync(Settings(), PipelineHarness.Artifact(Original));
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, log) = await _h.RunAsync(new RawSettings().With("FetchOffline", "true"), PipelineHarness.Artifact(Original));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(File.ReadAllBytes(_h.Placed("w.bin")), Is.EqualTo(Content));
        Assert.That(_h.Server.TotalRequests, Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_RewrittenToAnotherHost_TheItemsTokenStaysWithTheOriginalHost()
    {
        _h.Environment["MODEL_TOKEN"] = "tok-SECRET";

        var (outcome, log) = await _h.RunAsync(Settings(), PipelineHarness.Artifact(Original, ("Sha256", Sha), ("BearerTokenVariable", "MODEL_TOKEN"), ("Headers", "X-Api-Key=hdr-SECRET")));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        var request = _h.Server.Requests.Single();
        Assert.That(request.Headers.Keys, Has.None.EqualTo("Authorization").And.None.EqualTo("X-Api-Key"));
    }

    [Test]
    public async Task RunAsync_RewrittenWithinTheSameOrigin_TheItemsTokenStillGoes()
    {
        _h.Server.Serve("old/w.bin", TestData.Bytes(10, seed: 1));
        WriteRules($@"rewrite ^{_h.Url("old/")}(.*)$ {_h.Url("mirror/org/")}$1");
        _h.Environment["MODEL_TOKEN"] = "tok-SECRET";

        var (outcome, log) = await _h.RunAsync(Settings(), PipelineHarness.Artifact(_h.Url("old/w.bin"), ("Sha256", Sha), ("BearerTokenVariable", "MODEL_TOKEN")));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(_h.Server.Requests.Single().Headers["Authorization"], Is.EqualTo("Bearer tok-SECRET"));
    }

    [Test]
    public async Task RunAsync_IncludeWithUserInfoRewrittenWithinItsOrigin_TheBasicCredentialStillGoes()
    {
        WriteRules($@"rewrite ^{_h.Url("old/")}(.*)$ {_h.Url("mirror/org/")}$1");
        var url = new UriBuilder(_h.Url("old/w.bin")) { UserName = "ci", Password = "pa55" }.Uri.AbsoluteUri;

        var (outcome, log) = await _h.RunAsync(Settings(), PipelineHarness.Artifact(url, ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(_h.Server.Requests.Single().Headers["Authorization"], Is.EqualTo("Basic " + Convert.ToBase64String("ci:pa55"u8.ToArray())));
    }

    [Test]
    public async Task RunAsync_RewrittenUrlFails_FB1002NamesTheArtifactViaTheRewrittenUrl()
    {
        WriteRules($@"rewrite ^https://models\.example\.invalid/(.*)$ {_h.Url("gone/")}$1");

        var (outcome, log) = await _h.RunAsync(Settings(), PipelineHarness.Artifact(Original, ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Diagnostics.Single().Message, Does.StartWith($"{Original} via {_h.Url("gone/org/w.bin")}: download failed: HTTP 404"));
    }

    [Test]
    public async Task RunAsync_RewrittenZenodoUrl_ItsRecordIsLookedUpThroughTheSameRule()
    {
        _h.Hosts = _h.Hosts with { ZenodoHosts = ["zenodo.example.invalid"] };
        _h.Server.Serve("zen/records/7/files/a.bin", Content);
        var record = $$"""{"files":[{"key":"a.bin","checksum":"md5:{{TestData.Md5(Content)}}"}]}""";
        _h.Server.Handle("zen/api/records/7", (context, _) => context.Response.WriteAsync(record));
        WriteRules($@"rewrite ^https://zenodo\.example\.invalid/(.*)$ {_h.Url("zen/")}$1");

        var (outcome, log) = await _h.RunAsync(Settings(), PipelineHarness.Artifact("https://zenodo.example.invalid/records/7/files/a.bin"));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(_h.Server.RequestCount("zen/api/records/7"), Is.EqualTo(1));
        Assert.That(log.Messages, Has.Some.Contains("verifying against the MD5 the Zenodo record lists"));
    }

    [Test]
    public async Task RunAsync_LookUpHostNotAllowed_IsNotAskedAndTheDownloadGoesOnUnpinned()
    {
        _h.Hosts = _h.Hosts with { ZenodoHosts = ["127.0.0.1"] };
        _h.Server.Serve("records/7/files/a.bin", Content);
        WriteRules($@"rewrite ^{_h.Url("api/")}(.*)$ https://api.example.invalid/$1" + "\nallow 127.0.0.1");

        var (outcome, log) = await _h.RunAsync(Settings(), PipelineHarness.Artifact(_h.Url("records/7/files/a.bin")));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(_h.Server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/records/7/files/a.bin" }));
        Assert.That(log.Codes, Is.EqualTo(new[] { DiagnosticCatalog.MissingDigestCode }));
    }

    [Test]
    public async Task RunAsync_BlockedHost_IsFB1017AndNothingIsRequestedForAnyArtifact()
    {
        _h.Server.Serve("b.bin", Content);
        WriteRules("block 127.0.0.1");

        var (outcome, log) = await _h.RunAsync(Settings(), PipelineHarness.Artifact(_h.Url("b.bin"), ("Sha256", Sha)), PipelineHarness.Artifact("https://zenodo.example.invalid/a.bin", ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { DiagnosticCatalog.BlockedHostCode }));
        Assert.That(outcome.Results[0].Diagnostics.Single().Message, Does.Contain("the host '127.0.0.1' is refused").And.Contain($"'block 127.0.0.1' at {_rules}(1)"));
        Assert.That(_h.Server.TotalRequests, Is.Zero);
        Assert.That(Directory.Exists(_h.CacheDirectory), Is.False, "the cache is not even opened");
    }

    [Test]
    public async Task RunAsync_MalformedRule_IsFB1015WithFileAndLineAndNothingIsRequested()
    {
        WriteRules("# mirrors\nrewrite ^https://a/(.*)$");

        var (outcome, log) = await _h.RunAsync(Settings(), PipelineHarness.Artifact(_h.Url("mirror/org/w.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCatalog.MalformedRewriteFileCode));
        Assert.That(log.Diagnostics.Single().Message, Does.StartWith($"{_rules}(2): expected "));
        Assert.That(_h.Server.TotalRequests, Is.Zero);
    }

    [Test]
    public async Task RunAsync_UpToDate_NeverReadsTheRewriteFile()
    {
        var artifact = PipelineHarness.Artifact(Original, ("Sha256", Sha));
        await _h.RunAsync(Settings(), artifact);
        WriteRules("this line is not a rule");

        var (outcome, log) = await _h.RunAsync(Settings(), artifact);

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(_h.Server.TotalRequests, Is.EqualTo(1));
    }

    private RawSettings Settings() => new RawSettings().With("FetchUrlRewriteFile", _rules);

    private void WriteRules(string text) => File.WriteAllText(_rules, text + "\n");
}

using System.Text;
using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Hosts;
using Fetch.Build.Core.Settings;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Credentials;

/// <summary>Which origin gets which credential: host tokens, netrc, and the item's own, in the order they win.</summary>
public sealed class CredentialResolverTests
{
    private static readonly HostEndpoints Hosts = new();
    private TempDirectory _home = null!;

    [SetUp]
    public void SetUp() => _home = new TempDirectory("fetch-netrc");

    [TearDown]
    public void TearDown() => _home.Dispose();

    [Test]
    public void For_HostTokens_EachGoesToItsOwnHostAlone()
    {
        var resolver = Resolver(("HF_TOKEN", "hf"), ("GITHUB_TOKEN", "gh"), ("ZENODO_ACCESS_TOKEN", "zen"));
        var hub = new Uri("https://huggingface.co/org/model/resolve/main/model.bin");

        var credentials = resolver.For(SampleRequests.Sample(hub.AbsoluteUri));

        Assert.That(AuthorizationFor(credentials, hub), Is.EqualTo("Bearer hf"));
        Assert.That(AuthorizationFor(credentials, new Uri("https://cdn-lfs.huggingface.co/repos/x")), Is.Null, "never the CDN the hub redirects to");
        Assert.That(AuthorizationFor(resolver.ForHost(new Uri("https://api.github.com/repos/o/r/releases/tags/v1"), "x"), new Uri("https://api.github.com/x")), Is.EqualTo("Bearer gh"));
        Assert.That(AuthorizationFor(resolver.For(SampleRequests.Sample("https://github.com/o/r/releases/download/v1/a.zip")), new Uri("https://github.com/o/r")), Is.Null,
            "the GitHub token goes to the API host only");
        Assert.That(AuthorizationFor(resolver.ForHost(new Uri("https://zenodo.org/api/records/1"), "x"), new Uri("https://zenodo.org/api/records/1")), Is.EqualTo("Bearer zen"));
    }

    [Test]
    public void ForHost_GitHubTokenUnset_GhTokenIsUsed()
    {
        var api = new Uri("https://api.github.com/repos/o/r/releases/tags/v1");

        Assert.That(AuthorizationFor(Resolver(("GH_TOKEN", "cli")).ForHost(api, "x"), api), Is.EqualTo("Bearer cli"));
        Assert.That(AuthorizationFor(Resolver(("GH_TOKEN", "cli"), ("GITHUB_TOKEN", "actions")).ForHost(api, "x"), api), Is.EqualTo("Bearer actions"));
    }

    [Test]
    public void For_NetrcListsTheIncludeHost_BasicToThatHostNeverToAMirrorElsewhere()
    {
        WriteNetrc("machine data.example.org login ci password s3cret\n");
        var request = SampleRequests.Sample("https://data.example.org/x.bin") with
        {
            Sources = [new Uri("https://data.example.org/x.bin"), new Uri("https://mirror.example.net/x.bin")],
        };

        var credentials = Resolver(("HOME", _home.Path)).For(request);

        Assert.That(AuthorizationFor(credentials, request.Sources[0]), Is.EqualTo("Basic " + Base64("ci:s3cret")));
        Assert.That(AuthorizationFor(credentials, request.Sources[1]), Is.Null);
    }

    [Test]
    public void For_BearerTokenVariableAndNetrcForTheSameHost_TheBearerWins()
    {
        WriteNetrc("machine data.example.org login ci password s3cret\n");
        var request = SampleRequests.Sample("https://data.example.org/x.bin") with { BearerTokenVariable = "MY_TOKEN" };

        var credentials = Resolver(("HOME", _home.Path), ("MY_TOKEN", "item")).For(request);

        Assert.That(AuthorizationFor(credentials, request.Url), Is.EqualTo("Bearer item"));
    }

    [Test]
    public void For_NetrcNamedByNetrcVariable_WinsOverTheHomeOne()
    {
        WriteNetrc("machine data.example.org login home password 1\n");
        var named = Path.Combine(_home.Path, "ci.netrc");
        File.WriteAllText(named, "machine data.example.org login named password 2\n");

        var credentials = Resolver(("HOME", _home.Path), ("NETRC", named)).For(SampleRequests.Sample("https://data.example.org/x.bin"));

        Assert.That(AuthorizationFor(credentials, new Uri("https://data.example.org/x.bin")), Is.EqualTo("Basic " + Base64("named:2")));
    }

    [Test]
    public void For_MalformedNetrc_FB1006NamingTheFileAndLineWithoutASecret()
    {
        WriteNetrc("machine data.example.org login ci\n  hunter2\n");

        var error = Assert.Throws<FetchException>(() => Resolver(("HOME", _home.Path)).For(SampleRequests.Sample("https://data.example.org/x.bin")));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.InvalidMetadataCode));
        Assert.That(error.Message, Does.Contain($"'{Path.Combine(_home.Path, ".netrc")}'").And.Contain("line 2"));
        Assert.That(error.Message, Does.Not.Contain("hunter2"));
    }

    [Test]
    public void For_NetrcVariableNamesAMissingFile_FB1006()
    {
        var error = Assert.Throws<FetchException>(() => Resolver(("NETRC", Path.Combine(_home.Path, "missing"))).For(SampleRequests.Sample()));

        Assert.That(error!.Message, Does.Contain("does not exist (NETRC names it)"));
    }

    [Test]
    public void For_NoNetrcInHome_NoCredentials()
    {
        Assert.That(Resolver(("HOME", _home.Path)).For(SampleRequests.Sample()), Is.SameAs(RequestCredentials.None));
    }

    private static CredentialResolver Resolver(params (string Name, string Value)[] variables) =>
        new(new FetchEnvironment(variables.Select(v => new KeyValuePair<string, string?>(v.Name, v.Value))), Hosts);

    private static string? AuthorizationFor(RequestCredentials credentials, Uri url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        credentials.ApplyTo(request);
        return request.Headers.Authorization?.ToString();
    }

    private static string Base64(string pair) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));

    private void WriteNetrc(string text) => File.WriteAllText(Path.Combine(_home.Path, ".netrc"), text);
}

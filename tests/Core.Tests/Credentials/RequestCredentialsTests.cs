using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Hosts;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Tests.Credentials;

public sealed class RequestCredentialsTests
{
    private static readonly Uri Origin = new("https://data.example.org/files/x.bin");

    [TestCase("https://data.example.org/other/mirror.bin", true)]
    [TestCase("https://DATA.example.org:443/x", true)]
    [TestCase("http://data.example.org/x", false)]
    [TestCase("https://data.example.org:8443/x", false)]
    [TestCase("https://cdn.example.org/x", false)]
    [TestCase("https://data.example.org.evil.test/x", false)]
    public void ApplyTo_OnlyTheGrantsOwnOrigin_GetsItsHeadersAndToken(string url, bool granted)
    {
        var credentials = new RequestCredentials([new CredentialGrant(Origin, [new("X-Api-Key", "k")], RequestCredentials.Bearer("t"))]);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);

        credentials.ApplyTo(request);

        Assert.That(request.Headers.Authorization?.Parameter, Is.EqualTo(granted ? "t" : null));
        Assert.That(request.Headers.Contains("X-Api-Key"), Is.EqualTo(granted));
        Assert.That(credentials.Authorizes(new Uri(url)), Is.EqualTo(granted));
    }

    [Test]
    public void ApplyTo_TwoGrantsForOneOrigin_TheFirstTokenWins()
    {
        var credentials = new RequestCredentials(
        [
            new CredentialGrant(Origin, [], RequestCredentials.Bearer("item")),
            new CredentialGrant(Origin, [], RequestCredentials.Bearer("later")),
        ]);
        using var request = new HttpRequestMessage(HttpMethod.Get, Origin);

        credentials.ApplyTo(request);

        Assert.That(request.Headers.Authorization?.Parameter, Is.EqualTo("item"));
    }

    [Test]
    public void For_BearerTokenVariableSet_GrantsTheIncludeOriginOnly()
    {
        var resolver = new CredentialResolver(new FetchEnvironment([new("MY_TOKEN", " secret ")]), new HostEndpoints());

        var credentials = resolver.For(SampleRequests.Sample(Origin.AbsoluteUri) with { BearerTokenVariable = "MY_TOKEN" });

        Assert.That((credentials.Authorizes(Origin), credentials.Authorizes(new Uri("https://elsewhere.example/x")), credentials.UnsetVariable), Is.EqualTo((true, false, (string?)null)));
    }

    [Test]
    public void For_BearerTokenVariableUnset_GrantsNothingAndSaysWhichVariable()
    {
        var credentials = new CredentialResolver(FetchEnvironment.Empty, new HostEndpoints()).For(SampleRequests.Sample(Origin.AbsoluteUri) with { BearerTokenVariable = "MY_TOKEN" });

        Assert.That((credentials.Authorizes(Origin), credentials.UnsetVariable), Is.EqualTo((false, "MY_TOKEN")));
    }
}

using Fetch.Build.Core.Http;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>Our own redirect loop: chains, loops, https → http, and who gets the credentials (RELIABILITY.md 18).</summary>
public sealed class RequestSenderTests
{
    private const string Token = "tok-SECRET-1";
    private const string HeaderValue = "hdr-SECRET-2";
    private static readonly byte[] Content = TestData.Bytes(5000);
    private DownloadHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await DownloadHarness.StartAsync();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task DownloadAsync_RedirectChain_FollowedToTheContent()
    {
        _harness.Server.Handle("r1", (context, _) => Faults.RedirectAsync(context, "/r2", 301));
        _harness.Server.Handle("r2", (context, _) => Faults.RedirectAsync(context, "r3", 307));
        _harness.Server.Handle("r3", (context, _) => Faults.RedirectAsync(context, _harness.Url("file").AbsoluteUri, 308));
        _harness.Server.Serve("file", Content);

        var downloaded = await _harness.DownloadAsync("r1");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(_harness.Server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/r1", "/r2", "/r3", "/file" }));
    }

    [Test]
    public async Task DownloadAsync_RedirectLoop_StoppedAndNotRetried()
    {
        _harness.Server.Handle("loop", (context, _) => Faults.RedirectAsync(context, "/loop"));

        var message = await _harness.FailAsync("loop");

        Assert.That(message, Does.Contain("10 redirects"));
        Assert.That(_harness.Server.RequestCount("loop"), Is.EqualTo(11));
    }

    [Test]
    public async Task DownloadAsync_CrossHostRedirect_CarriesNoAuthorizationNorConfiguredHeaders()
    {
        var elsewhere = new UriBuilder(_harness.Url("file")) { Host = "localhost" }.Uri;
        _harness.Server.Handle("start", (context, _) => Faults.RedirectAsync(context, elsewhere.AbsoluteUri));
        _harness.Server.Serve("file", Content);

        await _harness.DownloadAsync(WithSecrets(_harness.Url("start")));

        var first = _harness.RequestsTo("start").Single();
        var second = _harness.RequestsTo("file").Single();
        Assert.That(first.Headers["Authorization"], Is.EqualTo("Bearer " + Token));
        Assert.That(first.Headers["X-Api-Key"], Is.EqualTo(HeaderValue));
        Assert.That(second.Headers["Host"], Does.StartWith("localhost:"));
        Assert.That(second.Headers.Keys, Has.None.EqualTo("Authorization").And.None.EqualTo("X-Api-Key").And.None.EqualTo("Cookie"));
    }

    [Test]
    public async Task DownloadAsync_SameOriginRedirect_KeepsCredentials()
    {
        _harness.Server.Handle("start", (context, _) => Faults.RedirectAsync(context, "/file"));
        _harness.Server.Serve("file", Content);

        await _harness.DownloadAsync(WithSecrets(_harness.Url("start")));

        Assert.That(_harness.RequestsTo("file").Single().Headers["Authorization"], Is.EqualTo("Bearer " + Token));
    }

    [Test]
    public async Task DownloadAsync_MirrorOnAnotherHost_GetsNoCredentials()
    {
        _harness.Server.Handle("a", (context, _) => Faults.StatusAsync(context, 404));
        _harness.Server.Serve("b", Content);
        var mirror = new UriBuilder(_harness.Url("b")) { Host = "localhost" }.Uri;

        await _harness.DownloadAsync(WithSecrets(_harness.Url("a"), mirror));

        Assert.That(_harness.RequestsTo("a").Single().Headers["Authorization"], Is.EqualTo("Bearer " + Token));
        Assert.That(_harness.RequestsTo("b").Single().Headers.Keys, Has.None.EqualTo("Authorization").And.None.EqualTo("X-Api-Key"));
    }

    [Test]
    public async Task DownloadAsync_HttpsServer_ServedThroughTrustingHandler()
    {
        using var certificate = TestCertificates.CreateSelfSigned();
        await using var https = await LoopbackServer.StartHttpsAsync(certificate);
        https.Serve("file", Content);

        var downloaded = await _harness.DownloadAsync(DownloadHarness.Spec(https.Url("file")), handler: TestCertificates.TrustingHandler(certificate));

        Assert.That(downloaded.Content, Is.EqualTo(Content));
    }

    [Test]
    public async Task DownloadAsync_HttpsRedirectToHttp_RefusedWithoutRequestingIt()
    {
        using var certificate = TestCertificates.CreateSelfSigned();
        await using var https = await LoopbackServer.StartHttpsAsync(certificate);
        https.Handle("start", (context, _) => Faults.RedirectAsync(context, _harness.Url("file").AbsoluteUri + "?sig=loc-SECRET"));
        _harness.Server.Serve("file", Content);

        var message = await _harness.FailAsync(DownloadHarness.Spec(https.Url("start")), TestCertificates.TrustingHandler(certificate));

        Assert.That(message, Does.Contain("refused a redirect from https to http://").And.Contain("sig=***"));
        Assert.That(message, Does.Not.Contain("loc-SECRET"));
        Assert.That(_harness.Server.RequestCount("file"), Is.Zero);
        Assert.That(https.RequestCount("start"), Is.EqualTo(1), "a refusal is not retried");
    }

    private static DownloadSpec WithSecrets(params Uri[] sources) =>
        DownloadHarness.Spec(sources) with { Headers = [new("X-Api-Key", HeaderValue)], BearerToken = Token, BearerTokenVariable = "TOKEN" };
}

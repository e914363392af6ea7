using Fetch.Build.Core.Http;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>Our own redirect loop: chains, loops, https → http, and who gets the credentials (RELIABILITY.md 18).</summary>
public sealed class RequestSenderTests : DownloadHarnessFixture
{
    private const string Token = "tok-SECRET-1";
    private const string HeaderValue = "hdr-SECRET-2";
    private static readonly byte[] Content = TestData.Bytes(5000);

    [Test]
    public async Task DownloadAsync_RedirectChain_FollowedToTheContent()
    {
        Harness.Server.Handle("r1", (context, _) => Faults.RedirectAsync(context, "/r2", 301));
        Harness.Server.Handle("r2", (context, _) => Faults.RedirectAsync(context, "r3", 307));
        Harness.Server.Handle("r3", (context, _) => Faults.RedirectAsync(context, Harness.Url("file").AbsoluteUri, 308));
        Harness.Server.Serve("file", Content);

        var downloaded = await Harness.DownloadAsync("r1");

        Assert.That(downloaded.Content, Is.EqualTo(Content));
        Assert.That(Harness.Server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/r1", "/r2", "/r3", "/file" }));
    }

    [Test]
    public async Task DownloadAsync_RedirectLoop_StoppedAndNotRetried()
    {
        Harness.Server.Handle("loop", (context, _) => Faults.RedirectAsync(context, "/loop"));

        var message = await Harness.FailAsync("loop");

        Assert.That(message, Does.Contain("10 redirects"));
        Assert.That(Harness.Server.RequestCount("loop"), Is.EqualTo(11));
    }

    [Test]
    public async Task DownloadAsync_CrossHostRedirect_CarriesNoAuthorizationNorConfiguredHeaders()
    {
        var elsewhere = new UriBuilder(Harness.Url("file")) { Host = "localhost" }.Uri;
        Harness.Server.Handle("start", (context, _) => Faults.RedirectAsync(context, elsewhere.AbsoluteUri));
        Harness.Server.Serve("file", Content);

        await Harness.DownloadAsync(WithSecrets(Harness.Url("start")));

        var first = Harness.RequestsTo("start").Single();
        var second = Harness.RequestsTo("file").Single();
        Assert.That(first.Headers["Authorization"], Is.EqualTo("Bearer " + Token));
        Assert.That(first.Headers["X-Api-Key"], Is.EqualTo(HeaderValue));
        Assert.That(second.Headers["Host"], Does.StartWith("localhost:"));
        Assert.That(second.Headers.Keys, Has.None.EqualTo("Authorization").And.None.EqualTo("X-Api-Key").And.None.EqualTo("Cookie"));
    }

    [Test]
    public async Task DownloadAsync_SameOriginRedirect_KeepsCredentials()
    {
        Harness.Server.Handle("start", (context, _) => Faults.RedirectAsync(context, "/file"));
        Harness.Server.Serve("file", Content);

        await Harness.DownloadAsync(WithSecrets(Harness.Url("start")));

        Assert.That(Harness.RequestsTo("file").Single().Headers["Authorization"], Is.EqualTo("Bearer " + Token));
    }

    [Test]
    public async Task DownloadAsync_MirrorOnAnotherHost_GetsNoCredentials()
    {
        Harness.Server.Handle("a", (context, _) => Faults.StatusAsync(context, 404));
        Harness.Server.Serve("b", Content);
        var mirror = new UriBuilder(Harness.Url("b")) { Host = "localhost" }.Uri;

        await Harness.DownloadAsync(WithSecrets(Harness.Url("a"), mirror));

        Assert.That(Harness.RequestsTo("a").Single().Headers["Authorization"], Is.EqualTo("Bearer " + Token));
        Assert.That(Harness.RequestsTo("b").Single().Headers.Keys, Has.None.EqualTo("Authorization").And.None.EqualTo("X-Api-Key"));
    }

    [Test]
    public async Task DownloadAsync_HttpsServer_ServedThroughTrustingHandler()
    {
        using var certificate = TestCertificates.CreateSelfSigned();
        await using var https = await LoopbackServer.StartHttpsAsync(certificate);
        https.Serve("file", Content);

        var downloaded = await Harness.DownloadAsync(DownloadHarness.Spec(https.Url("file")), handler: TestCertificates.TrustingHandler(certificate));

        Assert.That(downloaded.Content, Is.EqualTo(Content));
    }

    [Test]
    public async Task DownloadAsync_HttpsRedirectToHttp_RefusedWithoutRequestingIt()
    {
        using var certificate = TestCertificates.CreateSelfSigned();
        await using var https = await LoopbackServer.StartHttpsAsync(certificate);
        https.Handle("start", (context, _) => Faults.RedirectAsync(context, Harness.Url("file").AbsoluteUri + "?sig=loc-SECRET"));
        Harness.Server.Serve("file", Content);

        var message = await Harness.FailAsync(DownloadHarness.Spec(https.Url("start")), TestCertificates.TrustingHandler(certificate));

        Assert.That(message, Does.Contain("refused a redirect from https to http://").And.Contain("sig=***"));
        Assert.That(message, Does.Not.Contain("loc-SECRET"));
        Assert.That(Harness.Server.RequestCount("file"), Is.Zero);
        Assert.That(https.RequestCount("start"), Is.EqualTo(1), "a refusal is not retried");
    }

    [Test]
    public async Task SendAsync_HeadStoppingAtARedirect_AnswersWithTheRedirectAndItsHeaders()
    {
        Harness.Server.Handle("resolve", (context, _) =>
        {
            context.Response.Headers["X-Linked-Etag"] = "\"abc\"";
            return Faults.RedirectAsync(context, Harness.Url("cdn").AbsoluteUri);
        });
        using var stack = Harness.CreateStack();

        using var sent = await stack.Sender.SendAsync(DownloadHarness.Spec(Harness.Url("resolve")), Harness.Url("resolve"), null, SendOptions.Head with { FollowRedirects = false }, CancellationToken.None);

        Assert.That((int)sent.Response.StatusCode, Is.EqualTo(302));
        Assert.That(sent.Response.Headers.GetValues("X-Linked-Etag").Single(), Is.EqualTo("\"abc\""));
        Assert.That(Harness.Server.Requests.Select(r => (r.Path, r.Method)), Is.EqualTo(new[] { ("/resolve", "HEAD") }));
    }

    [Test]
    public async Task SendAsync_PutWhoseBodyTakesLongerThanTheTimeout_IsNotCutOffWhileTheBodyMoves()
    {
        Harness.Options = Harness.Options with { InactivityTimeout = TimeSpan.FromSeconds(1) };
        Harness.Server.Handle("cas/blob", async (context, _) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = 201;
        });
        using var stack = Harness.CreateStack();
        // A slow producer: 8 pieces of 2 KiB a quarter second apart, twice the timeout in all.
        using var content = new StreamContent(new SlowStream(8, 2048, TimeSpan.FromMilliseconds(250)));

        using var sent = await stack.Sender.SendAsync(DownloadHarness.Spec(Harness.Url("cas/blob")), Harness.Url("cas/blob"), null, new SendOptions(HttpMethod.Put, content), CancellationToken.None);

        Assert.That((int)sent.Response.StatusCode, Is.EqualTo(201));
    }

    /// <summary>Gives <c>pieces</c> pieces of zeros, each after a pause: a body that takes its time.</summary>
    private sealed class SlowStream(int pieces, int size, TimeSpan pause) : Stream
    {
        private int _left = pieces;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_left-- <= 0)
            {
                return 0;
            }

            await Task.Delay(pause, cancellationToken);
            var n = Math.Min(size, buffer.Length);
            buffer.Span[..n].Clear();
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static DownloadSpec WithSecrets(params Uri[] sources) =>
        DownloadHarness.Spec(sources, [new("X-Api-Key", HeaderValue)], Token);
}

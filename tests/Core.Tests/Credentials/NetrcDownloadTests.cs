using System.Text;
using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Credentials;

/// <summary>netrc over real HTTP: Basic for the host it lists, nothing for the host a redirect leads to.</summary>
public sealed class NetrcDownloadTests
{
    private static readonly byte[] Content = TestData.Bytes(6_000, seed: 61);
    private PipelineHarness _h = null!;
    private LoopbackServer _cdn = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        // Another loopback address: another host, as a CDN would be.
        _cdn = await LoopbackServer.StartAsync("127.0.0.2");
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _cdn.DisposeAsync();
        await _h.DisposeAsync();
    }

    [Test]
    public async Task RunAsync_NetrcListsTheHost_BasicGoesThereAndNotToTheHostItRedirectsTo()
    {
        var netrc = Path.Combine(_h.Root, "netrc");
        File.WriteAllText(netrc, "machine 127.0.0.1 login ci password s3cret\nmachine 127.0.0.2 login cdn password other\n");
        _h.Environment["NETRC"] = netrc;
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ci:s3cret"));
        _h.Server.Handle("private/data.bin", (context, _) => context.Request.Headers.Authorization == expected
            ? Faults.RedirectAsync(context, _cdn.Url("blob/data.bin").AbsoluteUri)
            : Faults.StatusAsync(context, 401));
        _cdn.Serve("blob/data.bin", Content);

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("private/data.bin"), ("Sha256", TestData.Sha256(Content))));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(File.ReadAllBytes(_h.Placed("data.bin")), Is.EqualTo(Content));
        Assert.That(_cdn.Requests.Single().Headers.ContainsKey("Authorization"), Is.False, "the redirect target is another host");
        Assert.That(log.ToString(), Does.Not.Contain("s3cret"));
    }
}

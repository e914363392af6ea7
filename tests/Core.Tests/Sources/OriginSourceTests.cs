using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Sources;

/// <summary>The Include URL and its mirrors as a build sees them: wrong bytes from one URL try the next (SPEC §10).</summary>
public sealed class OriginSourceTests
{
    private static readonly byte[] Content = TestData.Bytes(20_000, seed: 5);
    private static readonly byte[] Other = TestData.Bytes(20_000, seed: 6);
    private PipelineHarness _h = null!;

    [SetUp]
    public async Task StartAsync() => _h = await PipelineHarness.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [Test]
    public async Task FetchAsync_IncludeUrlSendsWrongBytes_TheMirrorsRightBytesArePlacedWithoutFB1001()
    {
        _h.Server.Serve("primary/data.bin", Other);
        _h.Server.Serve("mirror/data.bin", Content);

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("primary/data.bin"),
            ("Sha256", TestData.Sha256(Content)), ("Mirrors", _h.Url("mirror/data.bin"))));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.Empty);
        Assert.That(File.ReadAllBytes(_h.Placed("data.bin")), Is.EqualTo(Content));
        Assert.That(_h.Server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/primary/data.bin", "/mirror/data.bin" }));
    }

    [Test]
    public async Task FetchAsync_NoUrlSendsTheRightBytes_FB1001NamingTheItemsDigest()
    {
        _h.Server.Serve("primary/data.bin", Other);
        _h.Server.Serve("mirror/data.bin", TestData.Bytes(20_000, seed: 7));

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("primary/data.bin"),
            ("Sha256", TestData.Sha256(Content)), ("Mirrors", _h.Url("mirror/data.bin"))));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1001" }));
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("declared on the item").And.Contain(TestData.Sha256(Other)));
        Assert.That(_h.Server.TotalRequests, Is.EqualTo(2), "each URL once");
        Assert.That(File.Exists(_h.Placed("data.bin")), Is.False);
    }
}

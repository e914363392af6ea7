using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Hosts;

/// <summary>An item's <c>ChecksumUrl</c> naming a <c>SHA256SUMS</c> file on a release page.</summary>
public sealed class ChecksumFileDigestsTests
{
    private static readonly byte[] Content = TestData.Bytes(5_000, seed: 73);
    private PipelineHarness _h = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        _h.Server.Serve("v1/tool-linux.tar.gz", Content);
        _h.Server.Serve("v1/tool-mac.tar.gz", Content);
    }

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [Test]
    public async Task RunAsync_ChecksumFileListsTheFile_IsPinnedByItAndReadOnce()
    {
        ServeSums($"{new string('0', 64)}  other.zip\n{TestData.Sha256(Content)} *tool-linux.tar.gz\n{TestData.Sha256(Content)}  ./tool-mac.tar.gz\n");

        var (outcome, log) = await _h.RunAsync(Item("v1/tool-linux.tar.gz"), Item("v1/tool-mac.tar.gz"));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.Empty, "verified by the checksum file: no FB1005");
        Assert.That(log.Messages, Has.Some.Contains($"SHA-256 the checksum file '{_h.Url("v1/SHA256SUMS")}' lists"));
        Assert.That(_h.Server.RequestCount("v1/SHA256SUMS"), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_ChecksumFileDisagrees_FailsFB1001NamingTheFile()
    {
        ServeSums($"{new string('d', 64)}  tool-linux.tar.gz\n");

        var (outcome, log) = await _h.RunAsync(Item("v1/tool-linux.tar.gz"));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1001" }));
        Assert.That(log.Diagnostics.Single().Message, Does.Contain($"the checksum file '{_h.Url("v1/SHA256SUMS")}' lists"));
    }

    [Test]
    public async Task RunAsync_FileHoldingOneDigest_PinsTheArtifact()
    {
        _h.Server.Serve("v1/tool-linux.tar.gz.sha256", System.Text.Encoding.ASCII.GetBytes(TestData.Sha256(Content) + "\n"));

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("v1/tool-linux.tar.gz"), ("ChecksumUrl", _h.Url("v1/tool-linux.tar.gz.sha256"))));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.Empty);
    }

    [Test]
    public async Task RunAsync_ChecksumFileWithoutTheName_FB1005SaysSo()
    {
        ServeSums($"{new string('0', 64)}  other.zip\n");

        var (outcome, log) = await _h.RunAsync(Item("v1/tool-linux.tar.gz"));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1005" }));
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("lists no digest for 'tool-linux.tar.gz'"));
    }

    [Test]
    public async Task RunAsync_ChecksumFileMissing_FB1005SaysItCouldNotBeRead()
    {
        var (outcome, log) = await _h.RunAsync(Item("v1/tool-linux.tar.gz"));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("could not be read"));
    }

    private RawArtifact Item(string path) => PipelineHarness.Artifact(_h.Url(path), ("ChecksumUrl", _h.Url("v1/SHA256SUMS")));

    private void ServeSums(string text) => _h.Server.Serve("v1/SHA256SUMS", System.Text.Encoding.ASCII.GetBytes(text));
}

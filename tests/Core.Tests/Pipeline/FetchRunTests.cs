using Fetch.Build.Core.Diagnostics;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Pipeline;

/// <summary>The typed entry point's outcome: one result per artifact, in order, failures included.</summary>
public sealed class FetchRunTests
{
    private static readonly byte[] Content = TestData.Bytes(20_000, seed: 5);
    private static readonly string Sha = TestData.Sha256(Content);
    private PipelineHarness _h = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        _h.Server.Serve("a/data.bin", Content);
    }

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [Test]
    public async Task RunAsync_OneOfTwoFails_EachResultSaysWhatBecameOfItsArtifact()
    {
        var (outcome, _) = await _h.RunAsync(
            PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)),
            PipelineHarness.Artifact(_h.Url("missing.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(outcome.Results.Select(r => (r.MaskedUrl, r.Succeeded)), Is.EqualTo(new[] { (_h.Url("a/data.bin"), true), (_h.Url("missing.bin"), false) }));
        Assert.That(outcome.Results[0].Artifact?.Sha256, Is.EqualTo(Sha));
        Assert.That(outcome.Results[1].Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCatalog.DownloadFailedCode }));
        Assert.That(outcome.Artifacts.Single().Sha256, Is.EqualTo(Sha));
    }

    [Test]
    public async Task RunAsync_Collision_IsTheLaterArtifactsFailure()
    {
        var (outcome, _) = await _h.RunAsync(
            PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)),
            PipelineHarness.Artifact(_h.Url("b/data.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Results[0].Diagnostics, Is.Empty);
        Assert.That(outcome.Results[1].Diagnostics.Single().Code, Is.EqualTo(DiagnosticCatalog.DestinationCollisionCode));
        Assert.That(_h.Server.TotalRequests, Is.Zero);
    }

    [Test]
    public async Task RunAsync_UnpinnedUpToDate_KeepsItsFB1005WarningInItsResult()
    {
        var artifact = PipelineHarness.Artifact(_h.Url("a/data.bin"));
        await _h.RunAsync(artifact);

        var (outcome, _) = await _h.RunAsync(artifact);

        Assert.That(outcome.Results.Single().Succeeded, Is.True);
        Assert.That(outcome.Results.Single().Diagnostics.Single().Code, Is.EqualTo(DiagnosticCatalog.MissingDigestCode));
    }
}

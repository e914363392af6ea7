using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Pipeline;

/// <summary>Extracted trees through the whole pipeline: placed whole, reported per file, repaired, never over a user's file.</summary>
public sealed class TreePlacementTests
{
    private PipelineHarness _h = null!;
    private byte[] _archive = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        _archive = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Archives", "sample.tar.gz"));
        _h.Server.Serve("sample.tar.gz", _archive);
    }

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [Test]
    public async Task RunAsync_ArchiveWithExtract_PlacesTheTreeAndReportsEachFile()
    {
        var (outcome, log) = await _h.RunAsync(Artifact());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        var artifact = outcome.Artifacts.Single();
        Assert.That(artifact.Path, Is.EqualTo(_h.Placed("sample")));
        Assert.That(artifact.Files.Select(f => f.RelativePath), Is.EqualTo(new[] { "README.txt", "data/empty.txt", "data/numbers.csv" }));
        Assert.That(File.ReadAllText(Path.Combine(_h.Placed("sample"), "README.txt")), Is.EqualTo("Fetch.Build fixture\n"));
    }

    [Test]
    public async Task RunAsync_PlacedTreeFileEdited_TreeIsRestoredFromTheCacheWithoutRequest()
    {
        await _h.RunAsync(Artifact());
        File.WriteAllText(Path.Combine(_h.Placed("sample"), "README.txt"), "edited, longer than before");

        var (outcome, log) = await _h.RunAsync(Artifact());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(File.ReadAllText(Path.Combine(_h.Placed("sample"), "README.txt")), Is.EqualTo("Fetch.Build fixture\n"));
        Assert.That(_h.Server.RequestCount("sample.tar.gz"), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_UserFileInsideAPlacedTree_IsNotDeletedWhenTheTreeIsReplaced()
    {
        await _h.RunAsync(Artifact());
        var mine = Path.Combine(_h.Placed("sample"), "my-notes.txt");
        File.WriteAllText(mine, "mine");
        File.Delete(Path.Combine(_h.Placed("sample"), "README.txt"));

        var (outcome, log) = await _h.RunAsync(Artifact());

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1012" }));
        Assert.That(File.ReadAllText(mine), Is.EqualTo("mine"));
    }

    private Fetch.Build.Core.Requests.RawArtifact Artifact() =>
        PipelineHarness.Artifact(_h.Url("sample.tar.gz"), ("Sha256", TestData.Sha256(_archive)), ("Extract", "true"), ("StripComponents", "1"));
}

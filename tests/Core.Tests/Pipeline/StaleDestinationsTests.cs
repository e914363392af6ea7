using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Pipeline;

/// <summary>What an earlier build placed and no item declares any more is removed; what the user wrote there is not.</summary>
public sealed class StaleDestinationsTests
{
    private static readonly byte[] V1 = TestData.Bytes(10_000, seed: 1);
    private static readonly byte[] V2 = TestData.Bytes(10_000, seed: 2);
    private PipelineHarness _h = null!;
    private byte[] _archive = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        _h.Server.Serve("v1/data-1.bin", V1);
        _h.Server.Serve("v2/data-2.bin", V2);
        _archive = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Archives", "sample.tar.gz"));
        _h.Server.Serve("sample.tar.gz", _archive);
    }

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [Test]
    public async Task RunAsync_UrlChanged_RemovesTheOldFileAndSaysSo()
    {
        await _h.RunAsync(Version1());

        var (outcome, log) = await _h.RunAsync(Version2());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(File.Exists(_h.Placed("data-1.bin")), Is.False);
        Assert.That(File.ReadAllBytes(_h.Placed("data-2.bin")), Is.EqualTo(V2));
        Assert.That(log.Messages, Has.Some.Contains("removed '" + _h.Placed("data-1.bin") + "'"));
    }

    [Test]
    public async Task RunAsync_OldFileChangedSince_IsKept()
    {
        await _h.RunAsync(Version1());
        File.WriteAllText(_h.Placed("data-1.bin"), "the user's own now");

        await _h.RunAsync(Version2());

        Assert.That(File.ReadAllText(_h.Placed("data-1.bin")), Is.EqualTo("the user's own now"));
    }

    [Test]
    public async Task RunAsync_TreeNoLongerDeclared_RemovesItsFilesButKeepsOnesTheUserAdded()
    {
        var tree = PipelineHarness.Artifact(_h.Url("sample.tar.gz"), ("Sha256", TestData.Sha256(_archive)), ("Extract", "true"), ("DestinationFolder", "obj/fetch/models"));
        await _h.RunAsync(tree, Version1());
        var root = Path.Combine(_h.ProjectDirectory, "obj", "fetch", "models", "sample");
        var added = Path.Combine(root, "notes.txt");
        File.WriteAllText(added, "mine");

        await _h.RunAsync(Version1());

        Assert.That(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories), Is.EqualTo(new[] { added }));

        File.Delete(added);
        await _h.RunAsync(tree, Version1());
        await _h.RunAsync(Version1());

        Assert.That(Directory.Exists(Path.Combine(_h.ProjectDirectory, "obj", "fetch", "models")), Is.False, "folders left empty go too");
        Assert.That(File.Exists(_h.Placed("data-1.bin")), Is.True);
    }

    [Test]
    public async Task RunAsync_LastItemRemoved_RemovesItsFileAndTheStateFile()
    {
        await _h.RunAsync(Version1());

        var (outcome, log) = await _h.RunAsync();

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(File.Exists(_h.Placed("data-1.bin")), Is.False);
        Assert.That(File.Exists(Path.Combine(_h.ProjectDirectory, "obj", "Fetch.Build.state")), Is.False);
    }

    [Test]
    public async Task RunAsync_AnItemThatDoesNotParse_RemovesNothing()
    {
        await _h.RunAsync(Version1());

        await _h.RunAsync(Version2(), PipelineHarness.Artifact("ftp://example.org/x.bin"));

        Assert.That(File.Exists(_h.Placed("data-1.bin")), Is.True);
    }

    private Core.Requests.RawArtifact Version1() => PipelineHarness.Artifact(_h.Url("v1/data-1.bin"), ("Sha256", TestData.Sha256(V1)));

    private Core.Requests.RawArtifact Version2() => PipelineHarness.Artifact(_h.Url("v2/data-2.bin"), ("Sha256", TestData.Sha256(V2)));
}

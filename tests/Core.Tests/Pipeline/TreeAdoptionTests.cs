using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Tests.Pipeline;

/// <summary>
/// A tree placed by Fetch.Build whose record is gone — the cache wiped, or another cache folder —
/// is adopted when it is exactly what the archive gives; anything else in it stays the user's.
/// </summary>
public sealed class TreeAdoptionTests
{
    private PipelineHarness _h = null!;
    private byte[] _archive = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        _archive = _h.ServeSampleArchive();
        var (outcome, log) = await _h.RunAsync(Artifact());
        Assert.That(outcome.Succeeded, Is.True, log.ToString());
    }

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [TestCase("Copy")]
    [TestCase("HardLink")]
    public async Task RunAsync_CacheWiped_IdenticalTreeIsAdopted(string linkMode)
    {
        ForgetEverything();

        var (outcome, log) = await _h.RunAsync(new RawSettings().With("FetchLinkMode", linkMode), Artifact());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Diagnostics, Is.Empty);
        Assert.That(File.ReadAllText(Path.Combine(_h.Placed("sample"), "README.txt")), Is.EqualTo("Fetch.Build fixture\n"));
        Assert.That(outcome.Artifacts.Single().Files.Select(f => f.RelativePath), Is.EqualTo(new[] { "README.txt", "data/empty.txt", "data/numbers.csv" }));
    }

    [Test]
    public async Task RunAsync_AnotherCacheFolder_IdenticalTreeIsAdoptedAndRecordedThere()
    {
        File.Delete(Path.Combine(_h.ProjectDirectory, "obj", "Fetch.Build.state"));
        _h.CacheDirectory = Path.Combine(_h.Root, "other-cache");

        var (first, firstLog) = await _h.RunAsync(Artifact());
        File.Delete(Path.Combine(_h.ProjectDirectory, "obj", "Fetch.Build.state"));
        var (second, secondLog) = await _h.RunAsync(Artifact());

        Assert.That(first.Succeeded, Is.True, firstLog.ToString());
        Assert.That(second.Succeeded && second.Artifacts.Single().FromCache, Is.True, secondLog.ToString());
        Assert.That(_h.Server.RequestCount("sample.tar.gz"), Is.EqualTo(2), "the new cache fetched once, then knew the tree");
    }

    [Test]
    public async Task RunAsync_CacheWipedAndOneFileOfTheTreeChanged_FailsFB1012NamingItAndKeepsIt()
    {
        ForgetEverything();
        var numbers = Path.Combine(_h.Placed("sample"), "data", "numbers.csv");
        var mine = new string('x', (int)new FileInfo(numbers).Length);
        File.WriteAllText(numbers, mine);

        var (outcome, log) = await _h.RunAsync(Artifact());

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1012" }));
        Assert.That(log.Diagnostics[0].Message, Does.Contain(numbers));
        Assert.That(File.ReadAllText(numbers), Is.EqualTo(mine));
    }

    [Test]
    public async Task RunAsync_CacheWipedAndAFileTheArchiveLacks_FailsFB1012AndKeepsIt()
    {
        ForgetEverything();
        var notes = Path.Combine(_h.Placed("sample"), "my-notes.txt");
        File.WriteAllText(notes, "mine");

        var (outcome, log) = await _h.RunAsync(Artifact());

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1012" }));
        Assert.That(File.ReadAllText(notes), Is.EqualTo("mine"));
    }

    /// <summary>The cache gone, and with it every record of the placement; the project's state file too, as after any change to the items.</summary>
    private void ForgetEverything()
    {
        Directory.Delete(_h.CacheDirectory, recursive: true);
        File.Delete(Path.Combine(_h.ProjectDirectory, "obj", "Fetch.Build.state"));
    }

    private RawArtifact Artifact() => _h.SampleTree(_archive);
}

using System.Runtime.Versioning;
using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Extraction;
using Fetch.Build.Core.Placement;
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
        _archive = _h.ServeSampleArchive();
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

    [Test]
    public async Task RunAsync_ArchiveWithExtract_CacheKeepsTheArchiveAndTheFileListNotATree()
    {
        await _h.RunAsync(Artifact());

        var cache = new CacheLayout(_h.CacheDirectory);
        Assert.That(File.ReadAllBytes(cache.BlobPath(TestData.Sha256(_archive))), Is.EqualTo(_archive));
        Assert.That(Directory.GetDirectories(cache.TreeFolder), Is.Empty);
        Assert.That(Directory.GetFiles(cache.TreeFolder).Select(Path.GetExtension), Is.EqualTo(new[] { ".files" }));
    }

    [Test]
    public async Task RunAsync_SecondProject_ExtractsFromTheCachedArchiveWithoutRequest()
    {
        await _h.RunAsync(Artifact());
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, log) = await _h.RunAsync(Artifact());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(outcome.Artifacts.Single().FromCache, Is.True);
        Assert.That(File.ReadAllText(Path.Combine(_h.Placed("sample"), "data", "numbers.csv")), Does.StartWith("n"));
        Assert.That(_h.Server.RequestCount("sample.tar.gz"), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_CachedArchiveSpoiled_WarnsFB1009AndExtractsAFreshCopy()
    {
        await _h.RunAsync(Artifact());
        var blob = new CacheLayout(_h.CacheDirectory).BlobPath(TestData.Sha256(_archive));
        File.SetAttributes(blob, FileAttributes.Normal);
        File.WriteAllBytes(blob, new byte[_archive.Length]);
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, log) = await _h.RunAsync(Artifact());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1009" }));
        Assert.That(File.ReadAllText(Path.Combine(_h.Placed("sample"), "README.txt")), Is.EqualTo("Fetch.Build fixture\n"));
        Assert.That(File.ReadAllBytes(blob), Is.EqualTo(_archive));
        Assert.That(_h.Server.RequestCount("sample.tar.gz"), Is.EqualTo(2));
    }

    [Test]
    public async Task RunAsync_PlacedTree_FilesAreAsNewAsThePlacementNotTheArchive()
    {
        var before = DateTime.UtcNow.AddSeconds(-2);

        await _h.RunAsync(Artifact());

        Assert.That(File.GetLastWriteTimeUtc(Path.Combine(_h.Placed("sample"), "README.txt")), Is.GreaterThan(before));
    }

    // RELIABILITY 9: the tree is extracted into a fresh folder beside the destination, never through it.
    [Test]
    [Platform("Linux")]
    public async Task RunAsync_DestinationPreSeededAsALink_IsReplacedAndNothingIsWrittenThroughIt()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_h.Root, "outside")).FullName;
        Directory.CreateDirectory(Path.GetDirectoryName(_h.Placed("sample"))!);
        Directory.CreateSymbolicLink(_h.Placed("sample"), outside);

        var (outcome, log) = await _h.RunAsync(Artifact());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(Directory.Exists(outside) && !Directory.EnumerateFileSystemEntries(outside).Any(), Is.True);
        Assert.That(new DirectoryInfo(_h.Placed("sample")).LinkTarget, Is.Null);
        Assert.That(File.ReadAllText(Path.Combine(_h.Placed("sample"), "README.txt")), Is.EqualTo("Fetch.Build fixture\n"));
    }

    [Test]
    [Platform("Linux")]
    public async Task RunAsync_FolderAboveTheDestinationIsALink_FailsFB1012BeforeAnyRequestAndExtractsNothingThere()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_h.Root, "outside")).FullName;
        Directory.CreateDirectory(Path.Combine(_h.ProjectDirectory, "obj"));
        Directory.CreateSymbolicLink(Path.GetDirectoryName(_h.Placed("sample"))!, outside);

        var (outcome, log) = await _h.RunAsync(Artifact());

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1012" }));
        Assert.That(Directory.EnumerateFileSystemEntries(outside), Is.Empty);
        Assert.That(_h.Server.RequestCount("sample.tar.gz"), Is.Zero);
    }

    [Test]
    [Platform("Linux")]
    [SupportedOSPlatform("linux")]
    public async Task RunAsync_HardLinkMode_PlacesLinksToOneReadOnlyTreeTheCacheKeeps()
    {
        var (outcome, log) = await _h.RunAsync(HardLink, Artifact());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        var cached = Path.Combine(Directory.GetDirectories(new CacheLayout(_h.CacheDirectory).TreeFolder).Single(), "README.txt");
        var placed = Path.Combine(_h.Placed("sample"), "README.txt");
        Assert.That(FileIdentity.Of(placed)!.Value.Inode, Is.EqualTo(FileIdentity.Of(cached)!.Value.Inode));
        Assert.That(File.GetUnixFileMode(cached) & UnixFileMode.UserWrite, Is.EqualTo((UnixFileMode)0));
        Assert.That(File.ReadAllText(placed), Is.EqualTo("Fetch.Build fixture\n"));
    }

    [Test]
    [Platform("Linux")]
    public async Task RunAsync_HardLinkModeSecondProject_LinksTheSameFilesWithoutExtractingAgain()
    {
        await _h.RunAsync(HardLink, Artifact());
        var first = FileIdentity.Of(Path.Combine(_h.Placed("sample"), "data", "numbers.csv"))!.Value.Inode;
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, log) = await _h.RunAsync(HardLink, Artifact());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(FileIdentity.Of(Path.Combine(_h.Placed("sample"), "data", "numbers.csv"))!.Value.Inode, Is.EqualTo(first));
        Assert.That(_h.Server.RequestCount("sample.tar.gz"), Is.EqualTo(1));
    }

    [Test]
    [Platform("Linux")]
    [SupportedOSPlatform("linux")]
    public async Task RunAsync_HardLinkModeCachedTreeWrittenThroughALink_WarnsFB1009AndExtractsItAgain()
    {
        await _h.RunAsync(HardLink, Artifact());
        var firstProject = _h.ProjectDirectory;
        var written = Path.Combine(_h.Placed("sample"), "README.txt");
        File.SetUnixFileMode(written, File.GetUnixFileMode(written) | UnixFileMode.UserWrite);
        File.WriteAllText(written, "written through the link");
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, log) = await _h.RunAsync(HardLink, Artifact());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1009" }));
        Assert.That(File.ReadAllText(Path.Combine(_h.Placed("sample"), "README.txt")), Is.EqualTo("Fetch.Build fixture\n"));
        _h.ProjectDirectory = firstProject;
        var (again, againLog) = await _h.RunAsync(HardLink, Artifact());
        Assert.That(again.Succeeded, Is.True, againLog.ToString());
        Assert.That(File.ReadAllText(written), Is.EqualTo("Fetch.Build fixture\n"));
        Assert.That(_h.Server.RequestCount("sample.tar.gz"), Is.EqualTo(1));
    }

    [Test]
    [Platform("Linux")]
    [SupportedOSPlatform("linux")]
    public async Task RunAsync_HardLinkModeCacheOnAnotherDevice_CopiesTheFilesWritable()
    {
        // /dev/shm is a tmpfs of its own: link(2) from there into the project fails with EXDEV.
        using var otherDevice = new TempDirectory("fetch-tree-xdev", "/dev/shm");
        _h.CacheDirectory = otherDevice.Combine("cache");

        var (outcome, log) = await _h.RunAsync(HardLink, Artifact());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        var placed = Path.Combine(_h.Placed("sample"), "README.txt");
        var cached = Path.Combine(Directory.GetDirectories(new CacheLayout(_h.CacheDirectory).TreeFolder).Single(), "README.txt");
        Assert.That(FileIdentity.Of(placed)!.Value.Device, Is.Not.EqualTo(FileIdentity.Of(cached)!.Value.Device));
        Assert.That(File.GetUnixFileMode(placed) & UnixFileMode.UserWrite, Is.EqualTo(UnixFileMode.UserWrite));
        Assert.That(File.ReadAllText(placed), Is.EqualTo("Fetch.Build fixture\n"));
    }

    [Test]
    public async Task RunAsync_TempsOfAKilledPlacement_AreSweptButNotAnotherDestinations()
    {
        var folder = Directory.CreateDirectory(Path.GetDirectoryName(_h.Placed("sample"))!).FullName;
        string[] leftovers = [$".sample.{Guid.NewGuid():N}.fetch-tmp", $".sample.{Guid.NewGuid():N}.fetch-old"];
        string[] kept = [$".sample.v2.{Guid.NewGuid():N}.fetch-tmp", ".sample.notes"];
        foreach (var name in leftovers.Concat(kept))
        {
            Directory.CreateDirectory(Path.Combine(folder, name));
            File.WriteAllText(Path.Combine(folder, name, "half.txt"), "half");
        }

        var (outcome, log) = await _h.RunAsync(Artifact());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(Directory.GetFileSystemEntries(folder).Select(Path.GetFileName), Is.EquivalentTo(kept.Append("sample")));
    }

    [Test]
    public async Task RunAsync_HardLinkModeExtractionLeftByAKilledBuild_IsSwept()
    {
        var options = new ExtractionOptions(StripComponents: 1, MaxExtractedBytes: long.MaxValue);
        var treeFolder = new CacheLayout(_h.CacheDirectory).TreeFolder;
        var leftover = PlacementTemps.NewTemp(Path.Combine(treeFolder, TreeManifest.KeyFor(TestData.Sha256(_archive), options)));
        Directory.CreateDirectory(Path.Combine(leftover, "sample"));

        var (outcome, log) = await _h.RunAsync(HardLink, Artifact());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(Directory.Exists(leftover), Is.False);
    }

    private static readonly Fetch.Build.Core.Settings.RawSettings HardLink = new Fetch.Build.Core.Settings.RawSettings().With("FetchLinkMode", "HardLink");

    private Fetch.Build.Core.Requests.RawArtifact Artifact() => _h.SampleTree(_archive);
}

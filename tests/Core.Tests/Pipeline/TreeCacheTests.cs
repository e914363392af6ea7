using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Extraction;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Placement;
using Fetch.Build.Core.Requests;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Pipeline;

/// <summary>The tree HardLink mode keeps: linked without its lock, unless another build replaces it meanwhile.</summary>
[Platform("Linux")]
public sealed class TreeCacheTests
{
    private static readonly ExtractionOptions Options = new(0, 64L << 20);
    private readonly string _archive = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Archives", "sample.tar.gz");
    private TempDirectory _root = null!;
    private CacheContext _cache = null!;
    private RecordingLog _log = null!;
    private TreeCache _trees = null!;
    private TreePlacer _placer = null!;
    private ArtifactRequest _request = null!;
    private string _treeKey = null!;
    private int _projects;

    [SetUp]
    public void SetUp()
    {
        _root = new TempDirectory("fetch-tree-cache");
        var layout = new CacheLayout(_root.Combine("cache"));
        layout.EnsureFolders();
        var store = new ContentStore(layout);
        var registry = CacheRegistry.Open(layout, store, TimeProvider.System, _ => { });
        _cache = new CacheContext(layout, store, registry);
        _log = new RecordingLog();
        _trees = new TreeCache(_cache);
        _placer = new TreePlacer(layout, new BlobCheck(store, registry, LinkMode.HardLink));
        _request = new ArtifactRequest
        {
            SourceUrl = "https://example.org/sample.tar.gz",
            Sources = [new Uri("https://example.org/sample.tar.gz")],
            MaskedUrl = "https://example.org/sample.tar.gz",
            Digests = [],
            DestinationFolder = _root.Combine("project", "obj", "fetch"),
            FileName = "sample.tar.gz",
            Extract = true,
        };
        _treeKey = TreeManifest.KeyFor(new string('a', 64), Options);
    }

    [TearDown]
    public void TearDown()
    {
        _cache.Dispose();
        _root.Dispose();
    }

    [TestCase("sample/data/numbers.csv", TestName = "LinkAsync_TreeReplacedByAnotherBuildWhileLinking_LinksAgainUnderTheLockAndPlacesTheWholeTree(a file gone: links made quietly short)")]
    [TestCase("", TestName = "LinkAsync_TreeReplacedByAnotherBuildWhileLinking_LinksAgainUnderTheLockAndPlacesTheWholeTree(the folder gone: linking throws)")]
    public async Task LinkAsync_TreeReplacedByAnotherBuildWhileLinking_LinksAgainUnderTheLockAndPlacesTheWholeTree(string deleted)
    {
        await LinkAsync(Link);
        var tree = _cache.Layout.TreePath(_treeKey);
        var calls = 0;

        // The other build found the tree changed: it deletes the seal, then the files, while this one links.
        var (placed, files) = await LinkAsync((kept, ensureSealed) =>
        {
            if (++calls == 1)
            {
                File.Delete(_cache.Layout.TreeSealPath(_treeKey));
                if (deleted.Length > 0)
                {
                    File.Delete(Path.Combine(tree, deleted));
                }
                else
                {
                    TreeFolders.Delete(tree);
                }
            }

            return Link(kept, ensureSealed);
        });

        Assert.That(calls, Is.EqualTo(2));
        Assert.That(TreeManifest.FirstChanged(placed.Path, files, long.MaxValue), Is.Null, "every file of the tree is placed");
        Assert.That(File.Exists(_cache.Layout.TreeSealPath(_treeKey)), Is.True, "the tree was extracted again and sealed");
        Assert.That(_log.Codes, Is.Empty, "the build that replaces a changed tree reports it, not this one");
    }

    [Test]
    public async Task LinkAsync_SealedTreeLinkedWithoutInterference_LinksOnceWithoutTheLock()
    {
        await LinkAsync(Link);
        var calls = 0;
        using var held = await _cache.LockAsync("tree-" + _treeKey, CancellationToken.None);

        var (placed, files) = await LinkAsync((kept, ensureSealed) =>
        {
            calls++;
            return Link(kept, ensureSealed);
        }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(calls, Is.EqualTo(1));
        Assert.That(TreeManifest.FirstChanged(placed.Path, files, long.MaxValue), Is.Null);
    }

    [Test]
    public async Task LinkAsync_LinkFailsWhileTheTreeStaysSealed_ThrowsWithoutLinkingAgain()
    {
        await LinkAsync(Link);
        var calls = 0;

        Assert.That(
            async () => await LinkAsync((_, _) =>
            {
                calls++;
                throw new IOException("disk full");
            }),
            Throws.InstanceOf<IOException>().With.Message.EqualTo("disk full"));
        Assert.That(calls, Is.EqualTo(1));
    }

    private Task<(PlacementRecord Placement, IReadOnlyList<ExtractedFile> Files)> LinkAsync(Func<IReadOnlyList<ExtractedFile>, Action, PlacementRecord> link) =>
        _trees.LinkAsync(_treeKey, () => _archive, _request.FileName, Options, _request.MaskedUrl, _log, link, CancellationToken.None);

    /// <summary>Links into a project of its own each time, as a new project's build does.</summary>
    private PlacementRecord Link(IReadOnlyList<ExtractedFile> files, Action ensureSealed) =>
        _placer.Link(_request with { DestinationFolder = _root.Combine($"project{++_projects}", "obj", "fetch") }, "request", new string('a', 64), _treeKey, files, null, ensureSealed, CancellationToken.None);
}

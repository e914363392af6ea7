using Fetch.Build.Core.Caching;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Caching;

/// <summary>Two Fetch.Build versions on one cache: each keeps a registry of its own schema, and a new one starts from the older one's rows.</summary>
public sealed class RegistrySeedTests
{
    private static readonly string Sha = new('b', 64);
    private TempDirectory _folder = null!;
    private CacheLayout _layout = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempDirectory();
        _layout = new CacheLayout(_folder.Path);
        _layout.EnsureFolders();
    }

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public void Open_CacheOfTheSchemaTwoRelease_StartsFromACopyOfItsRowsAndLeavesItsFileAsItWas()
    {
        var older = _layout.RegistryPathFor(RegistrySchema.LastInSharedFile);
        RegistryFiles.Create(older, steps: RegistrySchema.LastInSharedFile, userVersion: RegistrySchema.LastInSharedFile, EntryRow("READY"));
        var before = File.ReadAllBytes(older);

        using (var registry = Open())
        {
            Assert.That(registry.FindByUrl("k"), Is.EqualTo(Sha), "an unpinned URL's content is still known after the upgrade");
        }

        Assert.That(Path.GetFileName(_layout.RegistryPath), Is.EqualTo($"registry-v{RegistrySchema.Version}.db"));
        Assert.That(RegistryFiles.UserVersion(_layout.RegistryPath), Is.EqualTo(RegistrySchema.Version));
        Assert.That(File.ReadAllBytes(older), Is.EqualTo(before), "the older Fetch.Build's registry is its own");
        Assert.That(RegistryFiles.UserVersion(older), Is.EqualTo(RegistrySchema.LastInSharedFile));
    }

    [Test]
    public void Open_CacheAlsoUsedByANewerFetchBuild_NeitherReadsNorWritesItsRegistry()
    {
        // A newer schema lives in the next file; and the shared name may have been written by a newer build before the rule.
        var newer = _layout.RegistryPathFor(RegistrySchema.Version + 1);
        RegistryFiles.Create(newer, steps: RegistrySchema.Migrations.Length, userVersion: RegistrySchema.Version + 1, EntryRow("READY"));
        var shared = _layout.RegistryPathFor(RegistrySchema.LastInSharedFile);
        RegistryFiles.Create(shared, steps: RegistrySchema.Migrations.Length, userVersion: 99, EntryRow("READY"));
        var newerBefore = File.ReadAllBytes(newer);
        var sharedBefore = File.ReadAllBytes(shared);

        using (var registry = Open())
        {
            Assert.That(registry.FindByUrl("k"), Is.Null, "a newer schema's rows are not this version's to read");
            registry.BlockHost("example.org", DateTimeOffset.UnixEpoch);
        }

        Assert.That(File.ReadAllBytes(newer), Is.EqualTo(newerBefore));
        Assert.That(File.ReadAllBytes(shared), Is.EqualTo(sharedBefore));
        Assert.That(RegistryFiles.UserVersion(_layout.RegistryPath), Is.EqualTo(RegistrySchema.Version));
    }

    private CacheRegistry Open() => CacheRegistry.Open(_layout, new ContentStore(_layout), TimeProvider.System, warning => Assert.Fail(warning));

    private static string EntryRow(string status) =>
        $"INSERT INTO entries(url_key, masked_url, status, version, sha256, created, last_accessed) VALUES('k', 'https://example.org/x', '{status}', 1, '{Sha}', 0, 0);";
}

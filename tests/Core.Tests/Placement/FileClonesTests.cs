using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Placement;
using Fetch.Build.Core.Requests;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Placement;

/// <summary>
/// Copy mode on a copy-on-write file system (issue 23, P3): a real XFS with reflink on a loop
/// device. A placed copy shares the blob's blocks instead of writing them again, and a blob not yet
/// trusted is still hashed — by reading the clone, never by trusting it.
/// </summary>
[Platform("Linux")]
[NonParallelizable]
public sealed class FileClonesTests
{
    private const int Shared = 0x2000;
    private static readonly byte[] Content = TestData.Bytes(8 << 20, seed: 31);
    private static readonly string Sha = TestData.Sha256(Content);

    [Test]
    public async Task TryClone_OnXfsWithReflink_SharesEveryExtentAndStaysIndependent()
    {
        using var xfs = await XfsMount.MountAsync();
        var source = Path.Combine(xfs.Path, "source.bin");
        var clone = Path.Combine(xfs.Path, "clone.bin");
        File.WriteAllBytes(source, Content);

        Assert.That(FileClones.TryClone(source, clone), Is.True);

        Assert.That(File.ReadAllBytes(clone), Is.EqualTo(Content));
        Assert.That(await XfsMount.ExtentFlagsAsync(clone), Is.Not.Empty.And.All.Matches<int>(flags => (flags & Shared) != 0));
        using (var write = new FileStream(clone, FileMode.Open, FileAccess.Write))
        {
            write.Write(new byte[16]);
        }

        Assert.That(File.ReadAllBytes(source), Is.EqualTo(Content));
    }

    [Test]
    public async Task TryClone_OnTmpfs_IsFalseAndLeavesNoFile()
    {
        using var tmpfs = await TmpfsMount.MountAsync(64 << 20);
        var source = Path.Combine(tmpfs.Path, "source.bin");
        var clone = Path.Combine(tmpfs.Path, "clone.bin");
        File.WriteAllBytes(source, Content[..4096]);

        Assert.That(FileClones.TryClone(source, clone), Is.False);
        Assert.That(File.Exists(clone), Is.False);
    }

    [Test]
    public async Task Place_CopyModeOnXfs_ClonesTheBlobHashesItOnceAndRecordsItsIdentity()
    {
        using var xfs = await XfsMount.MountAsync();
        using var cache = new PlacementCache(xfs.Path);
        var blob = cache.Store(Content);

        cache.Place(Path.Combine(xfs.Path, "project", "a.bin"));

        var placed = Path.Combine(xfs.Path, "project", "a.bin");
        Assert.That(File.ReadAllBytes(placed), Is.EqualTo(Content));
        Assert.That(await XfsMount.ExtentFlagsAsync(placed), Is.Not.Empty.And.All.Matches<int>(flags => (flags & Shared) != 0));
        Assert.That(cache.Registry.VerifiedIdentityOf(Sha), Is.EqualTo(FileIdentity.Of(blob).ToString()));
        Assert.That(new FileInfo(placed).Attributes.HasFlag(FileAttributes.ReadOnly), Is.False);
    }

    [Test]
    public async Task Place_CopyModeOnXfs_AnUntrustedBlobWithWrongBytesIsFoundCorruptThroughItsClone()
    {
        using var xfs = await XfsMount.MountAsync();
        using var cache = new PlacementCache(xfs.Path);
        cache.Store(TestData.Bytes(Content.Length, seed: 32));
        var placed = Path.Combine(xfs.Path, "project", "a.bin");

        Assert.That(() => cache.Place(placed), Throws.TypeOf<CorruptBlobException>());
        Assert.That(File.Exists(placed), Is.False);
        Assert.That(Directory.GetFiles(Path.Combine(xfs.Path, "project")), Is.Empty);
    }

    /// <summary>A cache on the file system under test, with the placer Copy mode uses.</summary>
    private sealed class PlacementCache : IDisposable
    {
        private readonly string _root;
        private readonly ContentStore _store;

        public PlacementCache(string root)
        {
            _root = root;
            var layout = new CacheLayout(Path.Combine(root, "cache"));
            layout.EnsureFolders();
            _store = new ContentStore(layout);
            Registry = CacheRegistry.Open(layout, _store, TimeProvider.System, _ => { });
        }

        public CacheRegistry Registry { get; }

        /// <summary>Stores <paramref name="bytes"/> under <see cref="Sha"/>, whatever they hash to, with no trusted identity.</summary>
        public string Store(byte[] bytes)
        {
            var temp = Path.Combine(_root, "incoming.tmp");
            File.WriteAllBytes(temp, bytes);
            var blob = _store.Commit(temp, Sha);
            Registry.RecordBlob(new ContentDigests(new Dictionary<DigestAlgorithm, string> { [DigestAlgorithm.Sha256] = Sha }, bytes.Length), identity: null);
            return blob;
        }

        public void Place(string destination) =>
            new FilePlacer(new BlobCheck(_store, Registry, LinkMode.Copy), LinkMode.Copy)
                .Place(destination, Sha, "request", placedBefore: false, verifiedJustNow: false, "http://example.test/a.bin", CancellationToken.None);

        public void Dispose() => Registry.Dispose();
    }
}

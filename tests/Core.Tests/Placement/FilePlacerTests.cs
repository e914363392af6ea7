using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Placement;
using Fetch.Build.Core.Requests;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Placement;

/// <summary>
/// Placement (a copy, or a hard link to the blob itself) re-hashes a blob only when it may have
/// changed since it was last hashed here, judged by its file identity. A blob whose bytes do not
/// match its name makes the difference visible.
/// </summary>
[Platform("Linux")]
public sealed class FilePlacerTests
{
    private static readonly byte[] Content = TestData.Bytes(64 * 1024, seed: 3);
    private static readonly string Sha = TestData.Sha256(Content);
    private TempDirectory _folder = null!;
    private ContentStore _store = null!;
    private CacheRegistry _registry = null!;
    private FilePlacer _placer = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempDirectory();
        var layout = new CacheLayout(_folder.Combine("cache"));
        layout.EnsureFolders();
        _store = new ContentStore(layout);
        _registry = CacheRegistry.Open(layout, _store, TimeProvider.System, _ => { });
        _placer = PlacerFor(LinkMode.Copy);
    }

    [TearDown]
    public void TearDown()
    {
        _registry.Dispose();
        _folder.Dispose();
    }

    [Test]
    public void Place_BlobUntouchedSinceItWasHashed_IsCopiedWithoutHashingAgain()
    {
        var wrong = TestData.Bytes(Content.Length, seed: 4);
        var blob = Store(wrong);
        _registry.RecordVerifiedIdentity(Sha, FileIdentity.Of(blob)!.Value);

        Place("a.bin");

        // Had it been hashed, the mismatch would have thrown: the recorded identity was trusted.
        Assert.That(File.ReadAllBytes(_folder.Combine("a.bin")), Is.EqualTo(wrong));
    }

    [Test]
    public void Place_BlobRewrittenSinceItWasHashed_IsHashedAndFoundCorrupt()
    {
        var blob = Store(Content);
        File.SetLastWriteTimeUtc(blob, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        _registry.RecordVerifiedIdentity(Sha, FileIdentity.Of(blob)!.Value);
        File.SetAttributes(blob, FileAttributes.Normal);
        File.WriteAllBytes(blob, TestData.Bytes(Content.Length, seed: 4));
        File.SetLastWriteTimeUtc(blob, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.That(() => Place("a.bin"), Throws.TypeOf<CorruptBlobException>());
        Assert.That(File.Exists(_folder.Combine("a.bin")), Is.False);
    }

    [Test]
    public void Place_BlobNeverHashedHere_IsHashedOnceAndItsIdentityRecorded()
    {
        var blob = Store(Content);
        Assert.That(_registry.VerifiedIdentityOf(Sha), Is.Null);

        Place("a.bin");

        Assert.That(File.ReadAllBytes(_folder.Combine("a.bin")), Is.EqualTo(Content));
        Assert.That(_registry.VerifiedIdentityOf(Sha), Is.EqualTo(FileIdentity.Of(blob).ToString()));
    }

    [Test]
    public void Place_BlobNeverHashedHereAndCorrupt_RecordsNoIdentity()
    {
        Store(TestData.Bytes(Content.Length, seed: 4));

        Assert.That(() => Place("a.bin"), Throws.TypeOf<CorruptBlobException>());
        Assert.That(_registry.VerifiedIdentityOf(Sha), Is.Null);
    }

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Place_TrustedCopy_IsWritableByTheUser()
    {
        var blob = Store(Content);
        _registry.RecordVerifiedIdentity(Sha, FileIdentity.Of(blob)!.Value);

        Place("a.bin");

        Assert.That(File.GetUnixFileMode(_folder.Combine("a.bin")) & UnixFileMode.UserWrite, Is.EqualTo(UnixFileMode.UserWrite));
    }

    [Test]
    public void Place_TempLeftByAKilledPlacement_IsSwept()
    {
        Store(Content);
        var leftover = _folder.Combine($".a.bin.{Guid.NewGuid():N}.fetch-tmp");
        File.WriteAllBytes(leftover, new byte[10]);

        Place("a.bin");

        Assert.That(File.Exists(leftover), Is.False);
        Assert.That(File.ReadAllBytes(_folder.Combine("a.bin")), Is.EqualTo(Content));
    }

    [Test]
    public void Place_TrustedCopyOfABlobCachedLongAgo_IsAsNewAsItsPlacement()
    {
        var blob = Store(Content);
        File.SetLastWriteTimeUtc(blob, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        _registry.RecordVerifiedIdentity(Sha, FileIdentity.Of(blob)!.Value);
        var before = DateTime.UtcNow.AddSeconds(-2);

        Place("a.bin");

        // PreserveNewest compares times: a version switched back to must look newer than bin/'s copy.
        Assert.That(File.GetLastWriteTimeUtc(_folder.Combine("a.bin")), Is.GreaterThan(before));
    }

    [Test]
    public void PlaceHardLink_BlobUntouchedSinceItWasHashed_IsLinkedUnhashedEvenAfterOtherLinksCameAndWent()
    {
        var wrong = TestData.Bytes(Content.Length, seed: 4);
        var blob = Store(wrong);
        _registry.RecordVerifiedIdentity(Sha, FileIdentity.Of(blob)!.Value);
        Place("a.bin", LinkMode.HardLink);
        // A project's obj/ deleted: the shared file's change time moves, its content does not.
        File.Delete(_folder.Combine("a.bin"));

        Place("b.bin", LinkMode.HardLink);

        Assert.That(FileIdentity.Of(_folder.Combine("b.bin"))!.Value.Inode, Is.EqualTo(FileIdentity.Of(blob)!.Value.Inode), "a hard link, not a copy");
        Assert.That(File.ReadAllBytes(_folder.Combine("b.bin")), Is.EqualTo(wrong), "trusted: not hashed");
    }

    [Test]
    public void PlaceHardLink_BlobWrittenThroughALink_IsHashedAndFoundCorrupt()
    {
        var blob = Store(Content);
        _registry.RecordVerifiedIdentity(Sha, FileIdentity.Of(blob)!.Value);
        Place("a.bin", LinkMode.HardLink);
        File.SetAttributes(_folder.Combine("a.bin"), FileAttributes.Normal);
        File.WriteAllBytes(_folder.Combine("a.bin"), TestData.Bytes(Content.Length, seed: 4));

        Assert.That(() => Place("b.bin", LinkMode.HardLink), Throws.TypeOf<CorruptBlobException>());
        Assert.That(File.Exists(_folder.Combine("b.bin")), Is.False);
    }

    [Test]
    public void PlaceHardLink_BlobNeverHashedHere_IsHashedLinkedAndTrustedAfterwards()
    {
        var blob = Store(Content);
        var before = FileIdentity.Of(blob)!.Value;

        Place("a.bin", LinkMode.HardLink);

        Assert.That(FileIdentity.Of(_folder.Combine("a.bin"))!.Value.Inode, Is.EqualTo(before.Inode));
        Assert.That(_registry.VerifiedIdentityOf(Sha), Is.EqualTo(before.ToString()));
    }

    [Test]
    public void PlaceHardLink_BlobNeverHashedHereAndCorrupt_LinksNothingAndRecordsNoIdentity()
    {
        Store(TestData.Bytes(Content.Length, seed: 4));

        Assert.That(() => Place("a.bin", LinkMode.HardLink), Throws.TypeOf<CorruptBlobException>());
        Assert.That(File.Exists(_folder.Combine("a.bin")), Is.False);
        Assert.That(_registry.VerifiedIdentityOf(Sha), Is.Null);
    }

    /// <summary>Puts <paramref name="bytes"/> into the store under <see cref="Sha"/>, whatever they hash to, with a blob row and no identity.</summary>
    private string Store(byte[] bytes)
    {
        var temp = _folder.Combine("incoming.tmp");
        File.WriteAllBytes(temp, bytes);
        var blob = _store.Commit(temp, Sha);
        _registry.RecordBlob(new ContentDigests(new Dictionary<DigestAlgorithm, string> { [DigestAlgorithm.Sha256] = Sha }, bytes.Length), identity: null);
        return blob;
    }

    private void Place(string name, LinkMode mode = LinkMode.Copy) =>
        (mode == LinkMode.Copy ? _placer : PlacerFor(mode))
            .Place(_folder.Combine(name), Sha, "request", placedBefore: false, verifiedJustNow: false, "http://example.test/a.bin", CancellationToken.None);

    private FilePlacer PlacerFor(LinkMode mode) => new(new BlobCheck(_store, _registry, mode), mode);
}

using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Integrity;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Caching;

public sealed class CacheRegistryTests
{
    private static readonly byte[] Content = TestData.Bytes(2000);
    private static readonly string Sha = TestData.Sha256(Content);
    private TestCache _cache = null!;

    [SetUp]
    public void SetUp() => _cache = new TestCache();

    [TearDown]
    public void TearDown() => _cache.Dispose();

    private CacheRegistry Registry => _cache.Registry;

    [Test]
    public void FindByDigest_Sha256IsItsOwnAddress_OthersComeFromTheBlobRow()
    {
        Assert.That(Registry.FindByDigest(new(DigestAlgorithm.Sha256, Sha)), Is.EqualTo(Sha), "no row needed");
        Assert.That(Registry.FindByDigest(new(DigestAlgorithm.Md5, TestData.Md5(Content))), Is.Null);

        Registry.RecordBlob(TestCache.Digests(Content), null);

        Assert.That(Registry.FindByDigest(new(DigestAlgorithm.Md5, TestData.Md5(Content))), Is.EqualTo(Sha));
    }

    [Test]
    public void Entries_WriteThenComplete_IsFoundByUrlOnlyOnceReady()
    {
        Assert.That(Registry.BeginWrite("key", "https://example.org/x"), Is.False);
        Assert.That(Registry.FindByUrl("key"), Is.Null);

        Registry.CompleteWrite("key", Sha, Content.Length, "\"e\"", null);

        Assert.That((Registry.FindByUrl("key"), Registry.StatusOf("key")), Is.EqualTo((Sha, EntryStatus.Ready)));
    }

    [Test]
    public void BeginWrite_RowLeftInWrite_SaysAnOwnerDied()
    {
        Registry.BeginWrite("key", "https://example.org/x");

        Assert.That(Registry.BeginWrite("key", "https://example.org/x"), Is.True);
    }

    [Test]
    public void FailWrite_OnlyFailsARowBeingWritten()
    {
        Registry.BeginWrite("key", "https://example.org/x");
        Registry.CompleteWrite("key", Sha, Content.Length, null, null);

        Registry.FailWrite("key");

        Assert.That(Registry.StatusOf("key"), Is.EqualTo(EntryStatus.Ready));
    }

    [Test]
    public void ForgetBlob_DropsTheBlobRowTrashesItsEntriesAndTrees()
    {
        Registry.RecordBlob(TestCache.Digests(Content), null);
        Registry.BeginWrite("key", "https://example.org/x");
        Registry.CompleteWrite("key", Sha, Content.Length, null, null);
        Registry.RecordTree("tree", Sha, "strip=0", 1, 10);

        Registry.ForgetBlob(Sha);

        Assert.That(Registry.FindByDigest(new(DigestAlgorithm.Md5, TestData.Md5(Content))), Is.Null);
        Assert.That((Registry.FindByUrl("key"), Registry.StatusOf("key")), Is.EqualTo(((string?)null, EntryStatus.Trash)));
        Assert.That(Registry.CountByStatus()[EntryStatus.Trash], Is.EqualTo(1));
    }

    [Test]
    public void RecordPlacement_ReplacesTheRowForThePath()
    {
        Registry.RecordPlacement(new PlacementRecord("/p/x", "r1", Sha, null, 1, 2, null));
        Registry.RecordPlacement(new PlacementRecord("/p/x", "r2", Sha, "t", 3, 4, "k"));

        Assert.That(Registry.FindPlacement("/p/x"), Is.EqualTo(new PlacementRecord("/p/x", "r2", Sha, "t", 3, 4, "k")));
        Assert.That(Registry.FindPlacement("/p/y"), Is.Null);
    }

    [Test]
    public void BlockHost_AnEarlierMomentNeverShortensALaterOne()
    {
        var later = DateTimeOffset.FromUnixTimeMilliseconds(2_000_000);
        Registry.BlockHost("h:443", later);
        Registry.BlockHost("h:443", later.AddSeconds(-30));

        Assert.That((Registry.HostBlockedUntil("h:443"), Registry.HostBlockedUntil("other:443")), Is.EqualTo(((DateTimeOffset?)later, (DateTimeOffset?)null)));
    }

    [Test]
    public void Open_TwoConnectionsOnOneFile_SeeEachOthersWrites()
    {
        using var second = CacheRegistry.Open(_cache.Layout, _cache.Context.Store, TimeProvider.System, _ => { });

        Registry.BeginWrite("key", "https://example.org/x");
        Registry.CompleteWrite("key", Sha, Content.Length, null, null);

        Assert.That(second.FindByUrl("key"), Is.EqualTo(Sha));
    }
}

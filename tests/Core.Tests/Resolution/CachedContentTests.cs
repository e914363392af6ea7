using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Resolution;
using Fetch.Build.Core.Tests.Caching;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Resolution;

public sealed class CachedContentTests
{
    private static readonly byte[] Content = TestData.Bytes(3000);
    private static readonly string Sha = TestData.Sha256(Content);
    private TestCache _cache = null!;
    private RecordingLog _log = null!;

    [SetUp]
    public void SetUp()
    {
        _cache = new TestCache();
        _log = new RecordingLog();
    }

    [TearDown]
    public void TearDown() => _cache.Dispose();

    [Test]
    public void Find_PinnedSha256WhoseBlobIsStored_IsFoundWithoutAnyRow()
    {
        _cache.Store(Content, withRows: false);

        var found = Find(Pinned(new ExpectedDigest(DigestAlgorithm.Sha256, Sha)), "key");

        Assert.That(found, Is.EqualTo(new ResolvedContent(Sha, Content.Length, 0) { PinnedBy = DeclaredDigests.Origin }));
    }

    [Test]
    public void Find_PinnedMd5_IsFoundThroughTheBlobRow()
    {
        _cache.Store(Content);

        Assert.That(Find(Pinned(new ExpectedDigest(DigestAlgorithm.Md5, TestData.Md5(Content))), "key")?.Sha256, Is.EqualTo(Sha));
    }

    [Test]
    public void Find_UnpinnedUrlReadyInTheRegistry_IsFoundByItsKey()
    {
        _cache.Store(Content);
        _cache.Registry.BeginWrite("key", "https://example.org/data.bin");
        _cache.Registry.CompleteWrite("key", Sha, Content.Length, null, null);

        Assert.That(Find(null, "key")?.Sha256, Is.EqualTo(Sha));
        Assert.That(Find(null, "other-key"), Is.Null);
    }

    [Test]
    public void Find_RegistryPromisesABlobThatIsGone_WarnsFB1009AndForgetsIt()
    {
        var sha = _cache.Store(Content);
        _cache.Registry.BeginWrite("key", "https://example.org/data.bin");
        _cache.Registry.CompleteWrite("key", sha, Content.Length, null, null);
        _cache.Context.Store.Delete(sha);

        Assert.That(Find(null, "key"), Is.Null);
        Assert.That(_log.Codes, Is.EqualTo(new[] { "FB1009" }));
        Assert.That(_cache.Registry.FindByUrl("key"), Is.Null);
    }

    [Test]
    public void Find_WriteRowLeftByADeadBuild_IsCompletedWhenThePinProvesTheBlob()
    {
        // Killed after the blob's rename, before its row: the blob has no row yet.
        _cache.Store(Content, withRows: false);
        _cache.Registry.BeginWrite("key", "https://example.org/data.bin");

        Find(Pinned(new ExpectedDigest(DigestAlgorithm.Sha256, Sha)), "key");

        Assert.That(_cache.Registry.StatusOf("key"), Is.EqualTo(EntryStatus.Ready));
        Assert.That(_cache.Registry.HasBlob(Sha), Is.True, "READY without a blob row breaks the order design.md promises");
    }

    [Test]
    public async Task Find_WriteRowOfALiveBuild_IsLeftToItsOwner()
    {
        _cache.Store(Content);
        _cache.Registry.BeginWrite("key", "https://example.org/data.bin");
        using var owner = await _cache.Context.LockAsync("url-key", CancellationToken.None);

        Find(Pinned(new ExpectedDigest(DigestAlgorithm.Sha256, Sha)), "key");

        Assert.That(_cache.Registry.StatusOf("key"), Is.EqualTo(EntryStatus.Write));
    }

    [Test]
    public void FindAsync_Hit_RecordsTheUseOfTheContentAndItsUrl()
    {
        var clock = new FakeTimeProvider();
        using var cache = new TestCache(clock);
        var sha = cache.StoreFrom("https://example.org/data.bin", Content);
        clock.Advance(TimeSpan.FromDays(3));

        using var held = new CachedContent(cache.Context).FindAsync(SampleRequests.Sample(), null, UrlKeys.Hash("https://example.org/data.bin"), _log, CancellationToken.None).GetAwaiter().GetResult();

        Assert.That(held, Is.Not.Null);
        Assert.That(cache.Registry.LastUsedOf(sha), Is.EqualTo(clock.GetUtcNow().ToUnixTimeSeconds()));
        Assert.That(cache.Registry.ListStored().Single().LastUsed, Is.EqualTo(clock.GetUtcNow().ToUnixTimeSeconds()));
    }

    [Test]
    public async Task FindAsync_ContentPrunedBetweenLookupAndHold_IsAQuietMiss()
    {
        _cache.Store(Content);
        _cache.Registry.BeginWrite("key", "https://example.org/data.bin");
        _cache.Registry.CompleteWrite("key", Sha, Content.Length, null, null);
        var pruning = CacheLock.TryAcquire(_cache.Layout.ContentLockPath(Sha))!;

        // The lookup runs before the first wait: the task is now waiting for the hold.
        var finding = new CachedContent(_cache.Context).FindAsync(SampleRequests.Sample(), null, "key", _log, CancellationToken.None);
        _cache.Registry.RemoveContent(Sha);
        _cache.Context.Store.Delete(Sha);
        pruning.Dispose();

        Assert.That(await finding, Is.Null);
        Assert.That(_log.Diagnostics, Is.Empty);
    }

    [Test]
    public async Task FindAsync_BlobGoneWhileItsRowsStay_IsReportedAndForgotten()
    {
        _cache.Store(Content);
        _cache.Registry.BeginWrite("key", "https://example.org/data.bin");
        _cache.Registry.CompleteWrite("key", Sha, Content.Length, null, null);
        File.Delete(_cache.Layout.BlobPath(Sha));

        Assert.That(await new CachedContent(_cache.Context).FindAsync(SampleRequests.Sample(), null, "key", _log, CancellationToken.None), Is.Null);
        Assert.That(_log.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { "FB1009" }));
    }

    private static PinnedDigests Pinned(ExpectedDigest digest) => new([digest], DeclaredDigests.Origin);

    private ResolvedContent? Find(PinnedDigests? pinned, string urlKey)
    {
        using var held = new CachedContent(_cache.Context).FindAsync(SampleRequests.Sample(), pinned, urlKey, _log, CancellationToken.None).GetAwaiter().GetResult();
        return held?.Content;
    }
}

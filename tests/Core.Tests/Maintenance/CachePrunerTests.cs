using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Maintenance;
using Fetch.Build.Core.Tests.Caching;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Maintenance;

public sealed class CachePrunerTests
{
    private static readonly byte[] A = TestData.Bytes(1000, 1);
    private static readonly byte[] B = TestData.Bytes(2000, 2);
    private static readonly byte[] C = TestData.Bytes(3000, 3);
    private readonly FakeTimeProvider _clock = new();
    private TestCache _cache = null!;

    [SetUp]
    public void SetUp() => _cache = new TestCache(_clock);

    [TearDown]
    public void TearDown() => _cache.Dispose();

    [Test]
    public void Prune_MaxSize_RemovesLeastRecentlyUsedFirst()
    {
        var (a, b, c) = StoreThreeThenUseA();

        var report = CachePruner.Prune(_cache.Context, new PruneOptions { MaxSize = A.Length + C.Length }, _clock.GetUtcNow());

        Assert.That(report.Removed.Select(r => (r.Kind, r.Name)), Is.EqualTo(new[] { (RemovedItem.Content, "https://example.org/b.bin") }));
        Assert.That((Stored(a), Stored(b), Stored(c)), Is.EqualTo((true, false, true)));
        Assert.That(_cache.Registry.FindByUrl(UrlKeys.Hash("https://example.org/b.bin")), Is.Null);
        Assert.That((report.StoredBefore, report.StoredAfter, report.Freed), Is.EqualTo(((long)A.Length + B.Length + C.Length, (long)A.Length + C.Length, (long)B.Length)));
    }

    [Test]
    public void Prune_UnusedFor_RemovesOnlyContentNotUsedSince()
    {
        var (a, b, c) = StoreThreeThenUseA();

        CachePruner.Prune(_cache.Context, new PruneOptions { UnusedFor = TimeSpan.FromMinutes(90) }, _clock.GetUtcNow());

        // b was used 3 h ago, c 2 h ago, a 1 h ago.
        Assert.That((Stored(a), Stored(b), Stored(c)), Is.EqualTo((true, false, false)));
    }

    [Test]
    public async Task Prune_ContentARunningBuildHolds_IsKeptAndCounted()
    {
        var (a, b, c) = StoreThreeThenUseA();
        using var building = await _cache.Context.HoldContentAsync(b, CancellationToken.None);

        var report = CachePruner.Prune(_cache.Context, new PruneOptions { MaxSize = 0 }, _clock.GetUtcNow());

        Assert.That((Stored(a), Stored(b), Stored(c)), Is.EqualTo((false, true, false)));
        Assert.That(report.InUse, Is.EqualTo(1));
    }

    [Test]
    public void Prune_KeptContent_IsNeverRemoved()
    {
        var (a, b, c) = StoreThreeThenUseA();

        CachePruner.Prune(_cache.Context, new PruneOptions { MaxSize = 0, Keep = [b] }, _clock.GetUtcNow());

        Assert.That((Stored(a), Stored(b), Stored(c)), Is.EqualTo((false, true, false)));
    }

    [Test]
    public void Prune_DryRun_RemovesNothingButSaysWhat()
    {
        var (a, b, c) = StoreThreeThenUseA();

        var report = CachePruner.Prune(_cache.Context, new PruneOptions { MaxSize = C.Length, DryRun = true }, _clock.GetUtcNow());

        Assert.That(report.Removed.Select(r => r.Name), Is.EqualTo(new[] { "https://example.org/b.bin", "https://example.org/c.bin" }));
        Assert.That((Stored(a), Stored(b), Stored(c)), Is.EqualTo((true, true, true)));
        Assert.That(report.StoredAfter, Is.EqualTo(A.Length));
    }

    [Test]
    public void Prune_Leftovers_FailedRowsOrphanBlobsMissingBlobsStalePartialsAndUnusedTreesAreSwept()
    {
        var layout = _cache.Layout;
        var kept = _cache.StoreFrom("https://example.org/kept.bin", A);
        _cache.Registry.BeginWrite("failed-key", "https://example.org/failed.bin");
        _cache.Registry.FailWrite("failed-key");
        _cache.Registry.BeginWrite("dead-key", "https://example.org/dead.bin");
        var orphan = _cache.Store(B, withRows: false);
        File.SetLastWriteTimeUtc(layout.BlobPath(orphan), DateTime.UtcNow.AddDays(-2));
        var missing = _cache.StoreFrom("https://example.org/missing.bin", C);
        File.Delete(layout.BlobPath(missing));
        File.WriteAllBytes(layout.PartialPath("stale"), new byte[10]);
        File.SetLastWriteTimeUtc(layout.PartialPath("stale"), DateTime.UtcNow.AddDays(-2));
        Directory.CreateDirectory(Path.Combine(layout.TreePath("unused"), "sub"));
        File.WriteAllBytes(Path.Combine(layout.TreePath("unused"), "sub", "f.txt"), new byte[7]);
        File.WriteAllBytes(layout.TreeSealPath("unused"), []);
        var seedTemp = Path.Combine(layout.Root, "registry-v3.db.0123.tmp");
        File.WriteAllBytes(seedTemp, new byte[5]);
        File.SetLastWriteTimeUtc(seedTemp, DateTime.UtcNow.AddDays(-2));

        var report = CachePruner.Prune(_cache.Context, new PruneOptions(), DateTimeOffset.UtcNow);

        Assert.That(report.Removed.Select(r => r.Kind), Is.EquivalentTo(new[]
        {
            RemovedItem.Row, RemovedItem.Row, RemovedItem.Row, RemovedItem.OrphanBlob, RemovedItem.Partial, RemovedItem.KeptTree, RemovedItem.Temporary,
        }), string.Join("\n", report.Removed));
        Assert.That(_cache.Registry.ListUnready(), Is.Empty);
        Assert.That(_cache.Registry.ListStored().Select(s => s.Sha256), Is.EqualTo(new[] { kept }));
        Assert.That((File.Exists(layout.BlobPath(orphan)), File.Exists(layout.PartialPath("stale")), Directory.Exists(layout.TreePath("unused")), File.Exists(seedTemp)),
            Is.EqualTo((false, false, false, false)));
        Assert.That(File.Exists(layout.BlobPath(kept)), Is.True);
    }

    [Test]
    public async Task Prune_LeftoversARunningBuildHolds_AreKept()
    {
        var layout = _cache.Layout;
        _cache.Registry.BeginWrite("live-key", "https://example.org/live.bin");
        File.WriteAllBytes(layout.PartialPath("live-key"), new byte[10]);
        File.SetLastWriteTimeUtc(layout.PartialPath("live-key"), DateTime.UtcNow.AddDays(-2));
        var orphan = _cache.Store(B, withRows: false);
        File.SetLastWriteTimeUtc(layout.BlobPath(orphan), DateTime.UtcNow.AddDays(-2));
        using var downloading = await _cache.Context.LockAsync("url-live-key", CancellationToken.None);
        using var storing = await _cache.Context.HoldContentAsync(orphan, CancellationToken.None);

        var report = CachePruner.Prune(_cache.Context, new PruneOptions { Everything = true }, DateTimeOffset.UtcNow);

        Assert.That(report.Removed, Is.Empty);
        Assert.That((File.Exists(layout.PartialPath("live-key")), File.Exists(layout.BlobPath(orphan)), _cache.Registry.StatusOf("live-key")), Is.EqualTo((true, true, EntryStatus.Write)));
    }

    [Test]
    public void Prune_Everything_EmptiesTheCache()
    {
        StoreThreeThenUseA();

        var report = CachePruner.Prune(_cache.Context, new PruneOptions { Everything = true }, _clock.GetUtcNow());

        Assert.That(report.StoredAfter, Is.Zero);
        Assert.That(Directory.EnumerateFiles(_cache.Layout.BlobFolder, "*", SearchOption.AllDirectories), Is.Empty);
        Assert.That(_cache.Registry.ListStored(), Is.Empty);
    }

    /// <summary>a, b, c stored an hour apart, then a used again: least recently used first is b, c, a.</summary>
    private (string A, string B, string C) StoreThreeThenUseA()
    {
        var a = _cache.StoreFrom("https://example.org/a.bin", A);
        _clock.Advance(TimeSpan.FromHours(1));
        var b = _cache.StoreFrom("https://example.org/b.bin", B);
        _clock.Advance(TimeSpan.FromHours(1));
        var c = _cache.StoreFrom("https://example.org/c.bin", C);
        _clock.Advance(TimeSpan.FromHours(1));
        _cache.Registry.RecordUse(a, UrlKeys.Hash("https://example.org/a.bin"));
        _clock.Advance(TimeSpan.FromHours(1));
        return (a, b, c);
    }

    private bool Stored(string sha) => File.Exists(_cache.Layout.BlobPath(sha)) && _cache.Registry.HasBlob(sha);
}

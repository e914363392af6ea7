using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Hosts;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Resolution;
using Fetch.Build.Core.Settings;
using Fetch.Build.Core.Sources;
using Fetch.Build.Core.Tests.Caching;
using Fetch.Build.Core.Tests.Sources;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Resolution;

public sealed class ContentResolverTests
{
    private static readonly byte[] Content = TestData.Bytes(4000);
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
    public async Task ResolveAsync_FirstSourceHasNothing_TheNextOneServesAndTheBytesAreCommitted()
    {
        var empty = new BytesSource(null);
        var origin = new BytesSource(Content);

        using var held = await Resolver([empty, origin]).ResolveAsync(Request(Sha), "key", _log, CancellationToken.None);

        Assert.That(held.Content, Is.EqualTo(new ResolvedContent(Sha, Content.Length, Content.Length) { PinnedBy = DeclaredDigests.Origin }));
        Assert.That((empty.Calls, origin.Calls), Is.EqualTo((1, 1)));
        Assert.That(_cache.Registry.FindByUrl("key"), Is.EqualTo(Sha));
    }

    [Test]
    public async Task ResolveAsync_Cached_AsksNoSourceAndNoRemoteDigestSource()
    {
        _cache.Store(Content);
        var origin = new BytesSource(Content);
        var host = new CountingDigestSource();

        using var held = await Resolver([origin], host).ResolveAsync(Request(Sha), "key", _log, CancellationToken.None);

        Assert.That((held.Content.TransferredBytes, origin.Calls, host.Calls), Is.EqualTo((0L, 0, 0)));
    }

    [Test]
    public async Task ResolveAsync_UnpinnedDownload_AsksTheRemoteDigestSourceAndEnforcesIt()
    {
        var host = new CountingDigestSource(new PinnedDigests([new(DigestAlgorithm.Sha256, new string('1', 64))], "the host publishes"));

        var error = Assert.ThrowsAsync<FetchException>(() => Resolver([new BytesSource(Content)], host).ResolveAsync(Request(), "key", _log, CancellationToken.None));

        Assert.That(host.Calls, Is.EqualTo(1));
        Assert.That(error!.Diagnostic.Message, Does.Contain("the SHA-256 the host publishes"));
    }

    [Test]
    public void ResolveAsync_WrongBytes_FB1001DropsThePartialAndFailsTheRow()
    {
        var error = Assert.ThrowsAsync<FetchException>(() => Resolver([new BytesSource(Content)]).ResolveAsync(Request(new string('2', 64)), "key", _log, CancellationToken.None));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.DigestMismatchCode));
        Assert.That(error.Diagnostic.Message, Does.Contain("declared on the item"));
        Assert.That(Directory.GetFiles(_cache.Layout.PartialFolder), Is.Empty);
        Assert.That(_cache.Registry.StatusOf("key"), Is.EqualTo(EntryStatus.Failed));
        Assert.That(Directory.GetFiles(_cache.Layout.BlobFolder, "*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void ResolveAsync_OfflineMiss_IsFB1003WithoutAskingAnySource()
    {
        var origin = new BytesSource(Content);

        var error = Assert.ThrowsAsync<FetchException>(() => Resolver([origin], offline: true).ResolveAsync(Request(Sha), "key", _log, CancellationToken.None));

        Assert.That((error!.Diagnostic.Code, origin.Calls), Is.EqualTo((DiagnosticCatalog.OfflineMissCode, 0)));
    }

    [Test]
    public void ResolveAsync_NoSourceHasTheBytes_IsFB1002AndTheRowFailed()
    {
        var error = Assert.ThrowsAsync<FetchException>(() => Resolver([new BytesSource(null)]).ResolveAsync(Request(Sha), "key", _log, CancellationToken.None));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.DownloadFailedCode));
        Assert.That(_cache.Registry.StatusOf("key"), Is.EqualTo(EntryStatus.Failed));
    }

    [Test]
    public async Task ResolveAsync_FirstSourceGivesWrongBytes_ItIsToldAndTheNextSourcesBytesAreCommitted()
    {
        var wrong = TestData.Bytes(4000, seed: 99);
        var store = new BytesSource(wrong);
        var origin = new BytesSource(Content);

        using var held = await Resolver([store, origin]).ResolveAsync(Request(Sha), "key", _log, CancellationToken.None);

        Assert.That(held.Content, Is.EqualTo(new ResolvedContent(Sha, Content.Length, Content.Length) { PinnedBy = DeclaredDigests.Origin }));
        Assert.That(store.Rejections, Is.EqualTo(new[] { TestData.Sha256(wrong) }));
        Assert.That(origin.Rejections, Is.Empty);
        Assert.That(_log.Diagnostics, Is.Empty);
        Assert.That(File.Exists(_cache.Layout.BlobPath(TestData.Sha256(wrong))), Is.False);
        Assert.That(_cache.Registry.FindByUrl("key"), Is.EqualTo(Sha));
    }

    [Test]
    public void ResolveAsync_EverySourceGivesWrongBytes_TheLastIsFB1001AndNothingIsKept()
    {
        var first = new BytesSource(TestData.Bytes(4000, seed: 98));
        var last = new BytesSource(TestData.Bytes(4000, seed: 97));

        var error = Assert.ThrowsAsync<FetchException>(() => Resolver([first, last]).ResolveAsync(Request(Sha), "key", _log, CancellationToken.None));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.DigestMismatchCode));
        Assert.That(error.Diagnostic.Message, Does.Contain(TestData.Sha256(TestData.Bytes(4000, seed: 97))));
        Assert.That((first.Rejections.Count, last.Rejections.Count), Is.EqualTo((1, 0)));
        Assert.That(Directory.GetFiles(_cache.Layout.PartialFolder), Is.Empty);
        Assert.That(Directory.GetFiles(_cache.Layout.BlobFolder, "*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public async Task ResolveAsync_PinnedDownload_IsOfferedToTheSinkWithItsBlobAndSourceAfterTheUrlLockIsReleased()
    {
        var origin = new BytesSource(Content);
        var sink = new RecordingSink(_cache);

        (await Resolver([origin], sink: sink).ResolveAsync(Request(Sha), "key", _log, CancellationToken.None)).Dispose();

        var offer = sink.Offers.Single();
        Assert.That((offer.Sha256, offer.Size, offer.From), Is.EqualTo((Sha, (long)Content.Length, (object)origin)));
        Assert.That(File.ReadAllBytes(offer.BlobPath), Is.EqualTo(Content));
        Assert.That(sink.UrlLockWasFree, Is.EqualTo(new[] { true }));
    }

    [Test]
    public async Task ResolveAsync_UnpinnedDownloadOrCachedContent_IsNeverOffered()
    {
        var sink = new RecordingSink(_cache);
        (await Resolver([new BytesSource(Content)], sink: sink).ResolveAsync(Request(), "unpinned", _log, CancellationToken.None)).Dispose();

        (await Resolver([new BytesSource(Content)], sink: sink).ResolveAsync(Request(Sha), "key", _log, CancellationToken.None)).Dispose();

        Assert.That(sink.Offers, Is.Empty);
    }

    private static ArtifactRequest Request(string? sha256 = null) =>
        sha256 is null ? SampleRequests.Sample() : SampleRequests.Sample("https://example.org/files/data.bin", new ExpectedDigest(DigestAlgorithm.Sha256, sha256));

    private ContentResolver Resolver(IContentSource[] sources, IDigestSource? host = null, bool offline = false, IContentSink? sink = null) => new(
        _cache.Context,
        new DigestSources(host is null ? [new DeclaredDigests()] : [new DeclaredDigests(), host]),
        sources,
        new CredentialResolver(FetchEnvironment.Empty, new HostEndpoints()),
        new ContentCommitter(_cache.Context, CrashPoints.None),
        offline,
        sink);

    /// <summary>A sink that keeps what it was offered, and whether the URL's lock was free at that moment.</summary>
    private sealed class RecordingSink(TestCache cache) : IContentSink
    {
        public List<ContentOffer> Offers { get; } = [];

        public List<bool> UrlLockWasFree { get; } = [];

        public Task OfferAsync(ContentOffer offer, CancellationToken cancellationToken)
        {
            Offers.Add(offer);
            using var free = CacheLock.TryAcquire(cache.Layout.LockPath("url-key"));
            UrlLockWasFree.Add(free is not null);
            return Task.CompletedTask;
        }
    }

    /// <summary>A remote digest source that counts how often it is asked.</summary>
    private sealed class CountingDigestSource(PinnedDigests? answer = null) : IDigestSource
    {
        public int Calls { get; private set; }

        public bool IsRemote => true;

        public Task<PinnedDigests?> FindAsync(ArtifactRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(answer);
        }
    }
}

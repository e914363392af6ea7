using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Hosts;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Pinning;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Resolution;
using Fetch.Build.Core.Settings;
using Fetch.Build.Core.Tests.Caching;
using Fetch.Build.Core.Tests.Sources;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Pipeline;

public sealed class ArtifactProcessorTests
{
    private static readonly byte[] Content = TestData.Bytes(6000);
    private static readonly string Sha = TestData.Sha256(Content);
    private TestCache _cache = null!;
    private RecordingLog _log = null!;
    private BytesSource _origin = null!;

    [SetUp]
    public void SetUp()
    {
        _cache = new TestCache();
        _log = new RecordingLog();
        _origin = new BytesSource(Content);
    }

    [TearDown]
    public void TearDown() => _cache.Dispose();

    [Test]
    public async Task ProcessAsync_NewArtifact_IsResolvedPlacedAndRecorded()
    {
        var request = Request(Sha);

        var fetched = await Processor().ProcessAsync(request, _log, CancellationToken.None);

        Assert.That((fetched?.Sha256, fetched?.FromCache, _origin.Calls), Is.EqualTo((Sha, false, 1)));
        Assert.That(File.ReadAllBytes(request.DestinationPath), Is.EqualTo(Content));
        Assert.That(_cache.Registry.FindPlacement(request.DestinationPath)?.Sha256, Is.EqualTo(Sha));
    }

    [Test]
    public async Task ProcessAsync_PlacedAndUntouched_IsUpToDateWithoutResolving()
    {
        var request = Request(Sha);
        await Processor().ProcessAsync(request, _log, CancellationToken.None);
        var processor = Processor();

        var fetched = await processor.ProcessAsync(request, _log, CancellationToken.None);

        Assert.That((fetched?.FromCache, _origin.Calls, processor.Worked), Is.EqualTo((true, 1, 0)));
    }

    [Test]
    public async Task ProcessAsync_CachedBlobCorrupt_WarnsFB1009AndResolvesOnceMore()
    {
        var sha = _cache.Store(Content);
        var blob = _cache.Layout.BlobPath(sha);
        File.SetAttributes(blob, FileAttributes.Normal);
        File.WriteAllBytes(blob, new byte[Content.Length]);
        var request = Request(Sha);

        var fetched = await Processor().ProcessAsync(request, _log, CancellationToken.None);

        Assert.That((fetched?.Sha256, _origin.Calls), Is.EqualTo((Sha, 1)));
        Assert.That(_log.Codes, Is.EqualTo(new[] { "FB1009" }));
        Assert.That(File.ReadAllBytes(request.DestinationPath), Is.EqualTo(Content));
    }

    [Test]
    public async Task ProcessAsync_DesignTimeAndNothingPlaced_PlacesNothingAndAsksNoSource()
    {
        var request = Request(Sha);

        var fetched = await Processor(s => s with { DesignTime = true }).ProcessAsync(request, _log, CancellationToken.None);

        Assert.That((fetched, _origin.Calls, File.Exists(request.DestinationPath)), Is.EqualTo(((FetchedArtifact?)null, 0, false)));
    }

    [Test]
    public async Task ProcessAsync_NoDigestAndRequireHash_IsFB1005ErrorAndPlacesNothing()
    {
        var request = Request(null);

        var fetched = await Processor(s => s with { RequireHash = true }).ProcessAsync(request, _log, CancellationToken.None);

        Assert.That(fetched, Is.Null);
        Assert.That(_log.Diagnostics.Single().Code, Is.EqualTo("FB1005"));
        Assert.That(_log.Diagnostics.Single().Severity, Is.EqualTo(Diagnostics.FetchSeverity.Error));
        Assert.That(File.Exists(request.DestinationPath), Is.False);
    }

    private ArtifactRequest Request(string? sha256) =>
        SampleRequests.At("https://example.org/files/data.bin", Path.Combine(_cache.Root, "project", "obj", "fetch"),
            sha256 is null ? [] : [new ExpectedDigest(DigestAlgorithm.Sha256, sha256)]);

    private ArtifactProcessor Processor(Func<FetchSettings, FetchSettings>? change = null)
    {
        var settings = SettingCatalog.Defaults(_cache.Layout.Root, Path.Combine(_cache.Root, "project"));
        settings = change?.Invoke(settings) ?? settings;
        var resolver = new ContentResolver(_cache.Context, new DigestSources([new DeclaredDigests()]), [_origin],
            new CredentialResolver(FetchEnvironment.Empty, new HostEndpoints()), new ContentCommitter(_cache.Context, CrashPoints.None), settings.Offline);
        return new ArtifactProcessor(_cache.Context, resolver, settings, CrashPoints.None, Pins.ItemsOnly(settings));
    }
}

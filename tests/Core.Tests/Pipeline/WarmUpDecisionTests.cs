using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Pipeline;

/// <summary>
/// The HTTP stack is warmed up beside the cache's opening only when the run surely sends requests:
/// on a warm cache the work would compete with the placement for the machine's cores (bench P3).
/// </summary>
public sealed class WarmUpDecisionTests
{
    private const string Present = "1111111111111111111111111111111111111111111111111111111111111111";
    private const string Absent = "2222222222222222222222222222222222222222222222222222222222222222";

    private TempDirectory _cache = null!;

    [SetUp]
    public void SetUp()
    {
        _cache = new TempDirectory();
        var blob = new CacheLayout(_cache.Path).BlobPath(Present);
        Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
        File.WriteAllText(blob, "stored");
    }

    [TearDown]
    public void TearDown() => _cache.Dispose();

    [Test]
    public void SurelyFetches_EveryDeclaredDigestStored_IsFalse() =>
        Assert.That(FetchRun.SurelyFetches([Pinned(Present), Pinned(Present)], _cache.Path), Is.False);

    [Test]
    public void SurelyFetches_OneDeclaredDigestNotStored_IsTrue() =>
        Assert.That(FetchRun.SurelyFetches([Pinned(Present), Pinned(Absent)], _cache.Path), Is.True);

    [Test]
    public void SurelyFetches_NoCacheYet_IsTrue() =>
        Assert.That(FetchRun.SurelyFetches([Pinned(Present)], _cache.Combine("not-there")), Is.True);

    [Test]
    public void SurelyFetches_UnpinnedOrMd5Only_SaysNothing_IsFalse() =>
        Assert.That(FetchRun.SurelyFetches([SampleRequests.Sample(), SampleRequests.Sample(digests: new ExpectedDigest(DigestAlgorithm.Md5, "0123456789abcdef0123456789abcdef"))], _cache.Path), Is.False);

    private static ArtifactRequest Pinned(string sha256) =>
        SampleRequests.Sample(digests: new ExpectedDigest(DigestAlgorithm.Sha256, sha256));
}

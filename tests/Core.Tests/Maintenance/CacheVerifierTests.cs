using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Maintenance;
using Fetch.Build.Core.Tests.Caching;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Maintenance;

public sealed class CacheVerifierTests
{
    [Test]
    public async Task VerifyAsync_ChangedAndMissingBlobs_AreRemovedAndListed_GoodOnesKeptAndTrusted()
    {
        using var cache = new TestCache();
        var good = cache.StoreFrom("https://example.org/good.bin", TestData.Bytes(5000, 1));
        var changed = cache.StoreFrom("https://example.org/changed.bin", TestData.Bytes(5000, 2));
        var missing = cache.StoreFrom("https://example.org/missing.bin", TestData.Bytes(5000, 3));
        var blob = cache.Layout.BlobPath(changed);
        File.SetAttributes(blob, FileAttributes.Normal);
        File.WriteAllBytes(blob, new byte[5000]);
        File.Delete(cache.Layout.BlobPath(missing));

        var (checkedCount, corrupt) = await CacheVerifier.VerifyAsync(cache.Context, null, CancellationToken.None);

        Assert.That(checkedCount, Is.EqualTo(3));
        Assert.That(corrupt.Select(c => (c.Url, c.Sha256, c.ActualSha256)), Is.EquivalentTo(new[]
        {
            ("https://example.org/changed.bin", changed, TestData.Sha256(new byte[5000])),
            ((string?)"https://example.org/missing.bin", missing, (string?)null),
        }));
        Assert.That(cache.Registry.ListStored().Select(s => s.Sha256), Is.EqualTo(new[] { good }));
        Assert.That(File.Exists(blob), Is.False);
        // Hashed and right: a build may now copy it without hashing again.
        Assert.That(cache.Registry.VerifiedIdentityOf(good), Is.EqualTo(FileIdentity.Of(cache.Layout.BlobPath(good))?.ToString()));
    }
}

using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Resolution;
using Fetch.Build.Core.Sources;
using Fetch.Build.Core.Tests.Caching;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Resolution;

public sealed class ContentCommitterTests
{
    private static readonly byte[] Content = TestData.Bytes(5000);

    [Test]
    public void Commit_VerifiedPartial_BecomesAReadOnlyBlobWithItsRowsAndThePartialIsGone()
    {
        using var cache = new TestCache();
        var partial = cache.Layout.PartialPath("key");
        File.WriteAllBytes(partial, Content);
        File.WriteAllText(partial + ".meta", "resume state");
        cache.Registry.BeginWrite("key", "https://example.org/data.bin");

        var resolved = new ContentCommitter(cache.Context, CrashPoints.None).Commit(partial, TestCache.Digests(Content), "key", new SourcedContent(5000, "\"v1\"", null));

        var sha = TestData.Sha256(Content);
        Assert.That(resolved, Is.EqualTo(new ResolvedContent(sha, Content.Length, 5000)));
        Assert.That(File.ReadAllBytes(cache.Layout.BlobPath(sha)), Is.EqualTo(Content));
        Assert.That(Directory.GetFiles(cache.Layout.PartialFolder), Is.Empty);
        Assert.That(cache.Registry.FindByUrl("key"), Is.EqualTo(sha));
        Assert.That(cache.Registry.FindByDigest(new(Fetch.Build.Core.Integrity.DigestAlgorithm.Md5, TestData.Md5(Content))), Is.EqualTo(sha));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(cache.Layout.BlobPath(sha)) & UnixFileMode.UserWrite, Is.EqualTo(UnixFileMode.None));
        }
    }

    [Test]
    [Platform("Linux")]
    public void Commit_VouchesForTheBlobAsItIsOnDisk()
    {
        using var cache = new TestCache();
        var partial = cache.Layout.PartialPath("key");
        File.WriteAllBytes(partial, Content);

        new ContentCommitter(cache.Context, CrashPoints.None).Commit(partial, TestCache.Digests(Content), "key", new SourcedContent(0, null, null));

        var blob = cache.Layout.BlobPath(TestData.Sha256(Content));
        Assert.That(cache.Registry.VerifiedIdentityOf(TestData.Sha256(Content)), Is.EqualTo(FileIdentity.Of(blob)!.ToString()));
    }
}

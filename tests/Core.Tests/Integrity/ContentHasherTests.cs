using Fetch.Build.Core.Integrity;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Integrity;

public sealed class ContentHasherTests
{
    [Test]
    public void MirrorTo_AppendedBytes_AreWrittenInOrderAndMatchTheDigest()
    {
        var content = TestData.Bytes(100_000, seed: 5);
        using var mirror = new MemoryStream();
        using var hasher = new ContentHasher([]);
        hasher.MirrorTo(mirror);

        hasher.Append(content.AsSpan(0, 60_000));
        hasher.Append(content.AsSpan(60_000));

        Assert.That(hasher.Finish().Sha256, Is.EqualTo(TestData.Sha256(content)));
        Assert.That(mirror.ToArray(), Is.EqualTo(content));
    }

    [Test]
    public void MirrorTo_HasherReset_StartsTheMirrorAgainFromNothing()
    {
        var content = TestData.Bytes(10_000, seed: 6);
        using var mirror = new MemoryStream();
        using var hasher = new ContentHasher([]);
        hasher.MirrorTo(mirror);
        hasher.Append(TestData.Bytes(4_000, seed: 7));

        hasher.Reset();
        hasher.Append(content);

        Assert.That(mirror.ToArray(), Is.EqualTo(content));
    }
}

using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Placement;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Caching;

[Platform("Linux")]
public sealed class FileIdentityTests
{
    private static readonly DateTime Pinned = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Test]
    public void Of_UntouchedFile_IsTheSameEachTime()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("f.bin");
        File.WriteAllBytes(path, TestData.Bytes(4096, seed: 1));

        var first = FileIdentity.Of(path);

        Assert.That(first, Is.Not.Null);
        Assert.That(FileIdentity.Of(path), Is.EqualTo(first));
        Assert.That(first!.Value.Size, Is.EqualTo(4096));
    }

    [Test]
    public void Of_RewrittenWithSameLengthAndModifiedTimeSetBack_Differs()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("f.bin");
        File.WriteAllBytes(path, TestData.Bytes(4096, seed: 1));
        File.SetLastWriteTimeUtc(path, Pinned);
        var before = FileIdentity.Of(path)!.Value;

        File.WriteAllBytes(path, TestData.Bytes(4096, seed: 2));
        File.SetLastWriteTimeUtc(path, Pinned);
        var after = FileIdentity.Of(path)!.Value;

        // What a careful forger can restore is restored; the change time is the kernel's and is not.
        Assert.That(after.Size, Is.EqualTo(before.Size));
        Assert.That(after.ModifiedNs, Is.EqualTo(before.ModifiedNs));
        Assert.That(after.Inode, Is.EqualTo(before.Inode));
        Assert.That(after, Is.Not.EqualTo(before));
    }

    [Test]
    public void Of_CopyOfTheFileWithItsTimes_Differs()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("f.bin");
        File.WriteAllBytes(path, TestData.Bytes(4096, seed: 1));
        var copy = folder.Combine("restored.bin");
        File.Copy(path, copy);
        File.SetLastWriteTimeUtc(copy, File.GetLastWriteTimeUtc(path));

        Assert.That(FileIdentity.Of(copy), Is.Not.EqualTo(FileIdentity.Of(path)));
    }

    [Test]
    public void Of_FileGainsAHardLink_Differs()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("f.bin");
        File.WriteAllBytes(path, TestData.Bytes(4096, seed: 1));
        var before = FileIdentity.Of(path);

        Assert.That(HardLinks.TryCreate(path, folder.Combine("link.bin")), Is.True);

        Assert.That(FileIdentity.Of(path), Is.Not.EqualTo(before));
    }

    [Test]
    public void Of_MissingFile_IsNull()
    {
        using var folder = new TempDirectory();

        Assert.That(FileIdentity.Of(folder.Combine("nothing.bin")), Is.Null);
    }

    [Test]
    public void MatchesExceptChangeTime_OnlyTheChangeTimeMayDiffer()
    {
        var identity = new FileIdentity(1, 2, 3, 4, 5);

        Assert.That(identity.MatchesExceptChangeTime("1:2:3:4:5"), Is.True);
        Assert.That(identity.MatchesExceptChangeTime("1:2:3:4:99"), Is.True);
        Assert.That(identity.MatchesExceptChangeTime("1:2:3:44:5"), Is.False);
        Assert.That(identity.MatchesExceptChangeTime("1:2:33:4:5"), Is.False);
        Assert.That(identity.MatchesExceptChangeTime("1:22:3:4:5"), Is.False);
        Assert.That(identity.MatchesExceptChangeTime(null), Is.False);
    }
}

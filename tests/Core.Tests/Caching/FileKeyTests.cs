using Fetch.Build.Core.Caching;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Caching;

[Platform("Linux")]
public sealed class FileKeyTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempDirectory();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public void Of_FileWrittenInPlace_KeepsItsKey()
    {
        var path = _folder.Combine("f.bin");
        File.WriteAllText(path, "placed");
        var placed = FileKey.Of(path);

        File.WriteAllText(path, "edited in place, as an editor without atomic save does");

        Assert.That(placed, Is.Not.Null);
        Assert.That(FileKey.Of(path), Is.EqualTo(placed));
    }

    [Test]
    public void Of_FileDeletedAndAnotherCreatedAtItsPath_IsAnotherFileEvenOnAReusedInode()
    {
        var path = _folder.Combine("f.bin");
        File.WriteAllText(path, "placed");
        var placed = FileKey.Of(path);

        File.Delete(path);
        File.WriteAllText(path, "the user's own");

        // ext4 hands the freed inode to the next file made in the folder: the birth time tells them apart.
        Assert.That(FileKey.Of(path), Is.Not.EqualTo(placed));
    }

    [Test]
    public void Of_Link_IsTheLinksOwnNotItsTargets()
    {
        var target = _folder.Combine("target");
        Directory.CreateDirectory(target);
        var link = _folder.Combine("link");
        Directory.CreateSymbolicLink(link, target);

        Assert.That(FileKey.Of(link), Is.Not.Null.And.Not.EqualTo(FileKey.Of(target)));
        Assert.That(FileKey.Of(_folder.Combine("missing")), Is.Null);
    }
}

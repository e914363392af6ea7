using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Tests.Extraction;

public sealed class LinkCyclesTests
{
    private static readonly string[] Folders = ["a", "a/b", "c"];

    [Test]
    public void Find_LinksToSiblingFoldersAndFiles_FindsNothing()
    {
        var links = new Dictionary<string, string> { ["a/to-c"] = "c", ["c/to-b"] = "a/b", ["c/file"] = "a/f.txt" };

        Assert.That(LinkCycles.Find(Folders, links), Is.Null);
    }

    [TestCase("a/b/up", "a")]
    [TestCase("a/root", "")]
    [TestCase("a/self", "a")]
    public void Find_LinkToAnAncestor_IsTheCycle(string link, string target)
    {
        Assert.That(LinkCycles.Find(Folders, new Dictionary<string, string> { [link] = target }), Is.EqualTo(link));
    }

    [Test]
    public void Find_TwoFolderLinksPointingAtEachOther_IsACycle()
    {
        var links = new Dictionary<string, string> { ["a/to-c"] = "c", ["c/to-a"] = "a" };

        Assert.That(LinkCycles.Find(Folders, links), Is.Not.Null);
    }

    [Test]
    public void Find_ChainOfLinksEndingAtAnAncestor_IsACycle()
    {
        var links = new Dictionary<string, string> { ["c/to-a"] = "a", ["a/b/via"] = "c/to-a" };

        Assert.That(LinkCycles.Find(Folders, links), Is.EqualTo("a/b/via"));
    }

    [Test]
    public void Find_LinksOnlyToEachOther_IsALoop()
    {
        var links = new Dictionary<string, string> { ["x"] = "y", ["y"] = "x" };

        Assert.That(LinkCycles.Find(Folders, links), Is.Not.Null);
    }
}

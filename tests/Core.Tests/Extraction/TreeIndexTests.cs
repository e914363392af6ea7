using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Tests.Extraction;

public sealed class TreeIndexTests
{
    [Test]
    public void Add_DeeperFile_RecordsItsParentsAsDirectories()
    {
        var index = new TreeIndex();

        Assert.That(index.Add(["a", "b", "c.txt"], EntryKind.File, "entry"), Is.Null);
        Assert.That(index.KindOf("a/b"), Is.EqualTo(EntryKind.Directory));
        Assert.That(index.Directories, Is.EquivalentTo(new[] { "a", "a/b" }));
    }

    [Test]
    public void Add_SameDirectoryTwice_IsAllowed()
    {
        var index = new TreeIndex();
        index.Add(["a", "f"], EntryKind.File, "entry");

        Assert.That(index.Add(["a"], EntryKind.Directory, "entry"), Is.Null);
    }

    [TestCase(nameof(EntryKind.File), nameof(EntryKind.File))]
    [TestCase(nameof(EntryKind.File), nameof(EntryKind.Directory))]
    [TestCase(nameof(EntryKind.Directory), nameof(EntryKind.SymbolicLink))]
    [TestCase(nameof(EntryKind.SymbolicLink), nameof(EntryKind.File))]
    public void Add_SamePathAgain_IsADuplicate(string first, string second)
    {
        var index = new TreeIndex();
        index.Add(["x"], Enum.Parse<EntryKind>(first), "entry");

        Assert.That(index.Add(["x"], Enum.Parse<EntryKind>(second), "entry"), Does.Contain("duplicate entry"));
    }

    [Test]
    public void Add_NameDifferingOnlyInCase_IsADuplicate()
    {
        var index = new TreeIndex();
        index.Add(["Docs", "a.txt"], EntryKind.File, "entry");

        Assert.That(index.Add(["docs", "b.txt"], EntryKind.File, "entry"), Does.Contain("differ only in case"));
    }

    [Test]
    public void Add_NameDifferingOnlyInUnicodeNormalisation_IsADuplicate()
    {
        var index = new TreeIndex();
        index.Add(["caf\u00E9"], EntryKind.File, "entry");

        Assert.That(index.Add(["cafe\u0301"], EntryKind.File, "entry"), Does.Contain("duplicate entry"));
    }

    [TestCase(nameof(EntryKind.SymbolicLink), "symbolic link")]
    [TestCase(nameof(EntryKind.File), "file")]
    public void Add_BelowALinkOrAFile_IsRefused(string kind, string what)
    {
        var index = new TreeIndex();
        index.Add(["x"], Enum.Parse<EntryKind>(kind), "entry");

        Assert.That(index.Add(["x", "y"], EntryKind.File, "entry"), Does.Contain($"passes through the {what}"));
    }
}

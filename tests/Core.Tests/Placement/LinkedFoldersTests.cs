using Fetch.Build.Core.Placement;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Placement;

/// <summary>Which folders on the way to a destination are links Fetch.Build would write through.</summary>
[Platform("Linux")]
public sealed class LinkedFoldersTests
{
    private TempDirectory _root = null!;
    private string _project = null!;
    private string _elsewhere = null!;

    [SetUp]
    public void SetUp()
    {
        _root = new TempDirectory();
        _project = Directory.CreateDirectory(_root.Combine("project")).FullName;
        _elsewhere = Directory.CreateDirectory(_root.Combine("elsewhere")).FullName;
    }

    [TearDown]
    public void TearDown() => _root.Dispose();

    [Test]
    public void FirstBelow_RealFoldersAndFoldersNotYetMade_IsNull()
    {
        Directory.CreateDirectory(Path.Combine(_project, "obj"));

        Assert.That(LinkedFolders.FirstBelow(_project, Path.Combine(_project, "obj", "fetch", "data.bin")), Is.Null);
    }

    [Test]
    public void FirstBelow_FolderOnTheWayIsALink_NamesIt()
    {
        Directory.CreateDirectory(Path.Combine(_project, "obj"));
        Directory.CreateSymbolicLink(Path.Combine(_project, "obj", "fetch"), _elsewhere);

        Assert.That(LinkedFolders.FirstBelow(_project, Path.Combine(_project, "obj", "fetch", "data.bin")), Is.EqualTo(Path.Combine(_project, "obj", "fetch")));
    }

    [Test]
    public void FirstBelow_LinkToAFolderThatIsGone_NamesIt()
    {
        Directory.CreateSymbolicLink(Path.Combine(_project, "obj"), Path.Combine(_root.Path, "gone"));

        Assert.That(LinkedFolders.FirstBelow(_project, Path.Combine(_project, "obj", "fetch", "data.bin")), Is.EqualTo(Path.Combine(_project, "obj")));
    }

    [Test]
    public void FirstBelow_DestinationItselfIsALink_IsNull()
    {
        // The destination is replaced whole (a rename over the link), never written through.
        Directory.CreateSymbolicLink(Path.Combine(_project, "sample"), _elsewhere);

        Assert.That(LinkedFolders.FirstBelow(_project, Path.Combine(_project, "sample")), Is.Null);
    }

    [Test]
    public void FirstBelow_LinksAboveTheProjectOrOnAPathOutsideIt_AreTheUsersChoice()
    {
        var linkedProject = Path.Combine(_root.Path, "linked-project");
        Directory.CreateSymbolicLink(linkedProject, _project);
        var linkedOutside = Path.Combine(_root.Path, "shared");
        Directory.CreateSymbolicLink(linkedOutside, _elsewhere);

        Assert.That(LinkedFolders.FirstBelow(linkedProject, Path.Combine(linkedProject, "obj", "data.bin")), Is.Null);
        Assert.That(LinkedFolders.FirstBelow(_project, Path.Combine(linkedOutside, "data", "data.bin")), Is.Null);
    }
}

using System.Runtime.Versioning;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// RELIABILITY.md cases 1–7 and 9: hostile archives built entry by entry. Each test asserts the
/// code and that nothing was written beside the target.
/// </summary>
public sealed class ArchiveExtractorSafetyTests
{
    private const string Unsafe = DiagnosticCatalog.UnsafeArchiveEntryCode;

    // Case 1. "\\srv\x" and "C:x" are harmless names on Linux, and dangerous ones on Windows.
    private static readonly string[] TraversalNames =
        ["../x", @"..\x", "/x", @"\x", @"C:\x", "C:x", @"\\srv\x", "//srv/x", "a/../../x", "../../evil/"];

    [TestCaseSource(nameof(TraversalNames))]
    public void Extract_TarEntryLeavingTheRoot_IsUnsafe(string name)
    {
        using var sandbox = new ExtractionSandbox();
        var tar = new TarBuilder().File("ok.txt", "fine");
        tar = name.EndsWith('/') ? tar.Directory(name) : tar.File(name, "evil");

        Assert.That(sandbox.Refuse(tar.Build()), Is.EqualTo(Unsafe));
        Assert.That(sandbox.Strangers(), Is.Empty);
    }

    [TestCaseSource(nameof(TraversalNames))]
    public void Extract_ZipEntryLeavingTheRoot_IsUnsafe(string name)
    {
        using var sandbox = new ExtractionSandbox();
        var zip = new ZipBuilder().File("ok.txt", "fine");
        zip = name.EndsWith('/') ? zip.Directory(name) : zip.File(name, "evil");

        Assert.That(sandbox.Refuse(zip.Build()), Is.EqualTo(Unsafe));
        Assert.That(sandbox.Strangers(), Is.Empty);
    }

    [Test]
    public void Extract_AbsolutePathIntoTheParent_IsUnsafeAndWritesNothingThere()
    {
        using var sandbox = new ExtractionSandbox();
        var absolute = Path.Combine(sandbox.Parent, "evil.txt");

        Assert.That(sandbox.Refuse(new TarBuilder().File(absolute, "evil").Build()), Is.EqualTo(Unsafe));
        Assert.That(sandbox.Strangers(absolute), Is.Empty);
    }

    [Test]
    public void Extract_DotDotThatStaysInside_IsResolved()
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(new TarBuilder().File("a/../b.txt", "b").File("./c/./d.txt", "d").Build());

        Assert.That(files.Select(f => f.RelativePath), Is.EqualTo(new[] { "b.txt", "c/d.txt" }));
    }

    [Test]
    public void Extract_DotDotHiddenInTheStrippedPart_IsUnsafe()
    {
        using var sandbox = new ExtractionSandbox();
        var archive = new TarBuilder().File("top/../../x", "evil").Build();

        Assert.That(sandbox.Refuse(archive, ExtractionSandbox.Options(strip: 1)), Is.EqualTo(Unsafe));
    }

    [Test]
    public void Extract_PathLongerThanTheOsAllows_IsUnsafeNotADiskError()
    {
        using var sandbox = new ExtractionSandbox();
        var name = string.Join('/', Enumerable.Repeat(new string('d', 250), 20)) + "/f.txt";

        Assert.That(sandbox.Refuse(new ZipBuilder().File(name, "deep").Build()), Is.EqualTo(Unsafe));
    }

    // Case 2.
    [Test]
    public void Extract_EntryIntoASiblingFolderWithTheSamePrefix_IsUnsafe()
    {
        using var sandbox = new ExtractionSandbox();
        var sibling = Directory.CreateDirectory(sandbox.Target + "2").FullName;

        Assert.That(sandbox.Refuse(new TarBuilder().File("../dest2/x", "evil").Build()), Is.EqualTo(Unsafe));
        Assert.That(Directory.EnumerateFileSystemEntries(sibling), Is.Empty);
    }

    // Case 3.
    [TestCase("/etc/passwd")]
    [TestCase(@"C:\Windows")]
    [TestCase("../../outside")]
    [TestCase("../sub/../../x")]
    [TestCase("")]
    public void Extract_TarSymlinkOutOfTheRoot_IsUnsafe(string target)
    {
        using var sandbox = new ExtractionSandbox();

        Assert.That(sandbox.Refuse(new TarBuilder().Directory("sub").Symlink("sub/link", target).Build()), Is.EqualTo(Unsafe));
        Assert.That(sandbox.Strangers(), Is.Empty);
    }

    [Test]
    public void Extract_ZipSymlinkOutOfTheRoot_IsUnsafe()
    {
        using var sandbox = new ExtractionSandbox();

        Assert.That(sandbox.Refuse(new ZipBuilder().Symlink("link", "../../etc").Build()), Is.EqualTo(Unsafe));
    }

    [Test]
    public void Extract_FileWrittenThroughAnEarlierSymlink_IsUnsafe()
    {
        using var sandbox = new ExtractionSandbox();
        var outside = Directory.CreateDirectory(Path.Combine(sandbox.Parent, "outside")).FullName;
        var archive = new TarBuilder().Directory("real").Symlink("link", "real").File("link/x.txt", "through the link").Build();

        Assert.That(sandbox.Refuse(archive), Is.EqualTo(Unsafe));
        Assert.That(Directory.EnumerateFileSystemEntries(outside), Is.Empty);
    }

    [Test]
    public void Extract_LinkReplacedByADirectoryOfTheSameName_IsUnsafe()
    {
        using var sandbox = new ExtractionSandbox();
        var archive = new TarBuilder().File("dir/x.txt", "x").Symlink("dir", "..").Build();

        Assert.That(sandbox.Refuse(archive), Is.EqualTo(Unsafe));
    }

    [Test]
    public void Extract_LinkTargetPassingThroughAnotherLink_IsUnsafe()
    {
        using var sandbox = new ExtractionSandbox();
        // Each link alone stays inside; followed on disk, "a/b/up/../x" is one level above the root.
        var archive = new TarBuilder().Directory("a/b").Symlink("a/b/up", "../..").Symlink("a/b/escape", "up/../x").Build();

        Assert.That(sandbox.Refuse(archive), Is.EqualTo(Unsafe));
    }

    [Test]
    public void Extract_LinkToAnotherLinkOfAFolder_IsAllowed()
    {
        using var sandbox = new ExtractionSandbox();
        var archive = new TarBuilder().File("a/f.txt", "f").Symlink("b/to-a", "../a").Symlink("b/again", "to-a").Build();

        sandbox.Extract(archive);

        Assert.That(File.ReadAllText(sandbox.PathOf("b/again/f.txt")), Is.EqualTo("f"));
    }

    // Inside the root, but a walker following links (a glob, a recursive delete) would never end.
    [TestCase("a/up", "..")]
    [TestCase("a/self", ".")]
    [TestCase("a/b/back", "../../a")]
    public void Extract_LinkToItsOwnFolderOrAnAncestor_IsUnsafe(string link, string target)
    {
        using var sandbox = new ExtractionSandbox();
        var archive = new TarBuilder().File("a/b/f.txt", "f").Symlink(link, target).Build();

        Assert.That(sandbox.Refuse(archive), Is.EqualTo(Unsafe));
    }

    [Test]
    public void Extract_FolderLinksPointingAtEachOther_AreUnsafe()
    {
        using var sandbox = new ExtractionSandbox();
        var archive = new TarBuilder().Directory("a").Directory("b").Symlink("a/to-b", "../b").Symlink("b/to-a", "../a").Build();

        Assert.That(sandbox.Refuse(archive), Is.EqualTo(Unsafe));
    }

    [Test]
    public void Extract_LinksThatOnlyPointAtEachOther_AreUnsafe()
    {
        using var sandbox = new ExtractionSandbox();

        Assert.That(sandbox.Refuse(new TarBuilder().Symlink("x", "y").Symlink("y", "x").Build()), Is.EqualTo(Unsafe));
    }

    // Case 4.
    [TestCase("../outside.txt")]
    [TestCase("/etc/passwd")]
    [TestCase("later.txt")]
    [TestCase("link")]
    public void Extract_HardLinkToAnythingButAnEarlierFile_IsUnsafe(string target)
    {
        using var sandbox = new ExtractionSandbox();
        var archive = new TarBuilder().Symlink("link", "a.txt").File("a.txt", "a").HardLink("hard", target).File("later.txt", "l").Build();

        Assert.That(sandbox.Refuse(archive), Is.EqualTo(Unsafe));
        Assert.That(sandbox.Strangers(), Is.Empty);
    }

    [Test]
    public void Extract_HardLinkToAnEarlierFile_IsACopy()
    {
        using var sandbox = new ExtractionSandbox();
        var archive = new TarBuilder().File("top/a.txt", "shared").HardLink("top/b.txt", "top/a.txt").Build();

        var files = sandbox.Extract(archive, ExtractionSandbox.Options(strip: 1));

        Assert.That(files.Select(f => (f.RelativePath, f.Size)), Is.EqualTo(new[] { ("a.txt", 6L), ("b.txt", 6L) }));
        Assert.That(File.ReadAllText(sandbox.PathOf("b.txt")), Is.EqualTo("shared"));
    }

    // Case 5.
    [TestCase('3')]
    [TestCase('4')]
    [TestCase('6')]
    public void Extract_TarDeviceOrFifo_IsUnsafe(char type)
    {
        using var sandbox = new ExtractionSandbox();

        Assert.That(sandbox.Refuse(new TarBuilder().Special("dev", type).Build()), Is.EqualTo(Unsafe));
    }

    [Test]
    public void Extract_ZipFifo_IsUnsafe()
    {
        using var sandbox = new ExtractionSandbox();

        Assert.That(sandbox.Refuse(new ZipBuilder().File("pipe", string.Empty, ZipBuilder.Fifo | 0x1A4).Build()), Is.EqualTo(Unsafe));
    }

    // Case 6.
    [TestCase(0xFFF, 0x1ED)] // rwsrwsrwt -> rwxr-xr-x
    [TestCase(0x1E4, 0x1E4)] // rwxr--r-- keeps the owner's execute bit
    [TestCase(0x1B6, 0x1A4)] // rw-rw-rw- loses group and other write
    [TestCase(0x000, 0x180)] // ---------: the owner can still read and write
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void Extract_TarModes_AreSanitised(int archiveMode, int expected)
    {
        using var sandbox = new ExtractionSandbox();

        sandbox.Extract(new TarBuilder().File("f", "x", archiveMode).Build());

        Assert.That(File.GetUnixFileMode(sandbox.PathOf("f")), Is.EqualTo((UnixFileMode)expected));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void Extract_ZipSetuidExecutable_KeepsOnlyExecuteBits()
    {
        using var sandbox = new ExtractionSandbox();

        sandbox.Extract(new ZipBuilder().File("run", "x", ZipBuilder.RegularFile | 0xDFF).File("plain", "y").Build());

        Assert.That(File.GetUnixFileMode(sandbox.PathOf("run")), Is.EqualTo((UnixFileMode)0x1ED));
        Assert.That(File.GetUnixFileMode(sandbox.PathOf("plain")), Is.EqualTo((UnixFileMode)0x1A4), "no mode: rw-r--r--");
    }

    // Case 7.
    [TestCase("a.txt", "a.txt")]
    [TestCase("a.txt", "A.TXT")]
    [TestCase("dir/a.txt", "DIR/b.txt")]
    [TestCase("x", "x/")]
    [TestCase("x/", "x")]
    public void Extract_DuplicateNames_AreUnsafe(string first, string second)
    {
        using var sandbox = new ExtractionSandbox();
        var tar = new TarBuilder();
        foreach (var name in new[] { first, second })
        {
            tar = name.EndsWith('/') ? tar.Directory(name) : tar.File(name, name);
        }

        var exception = Assert.Throws<FetchException>(() => sandbox.Extract(tar.Build()))!;

        Assert.That(exception.Diagnostic.Code, Is.EqualTo(Unsafe));
        Assert.That(exception.Diagnostic.Message, Does.Contain("duplicate entry").Or.Contain("passes through the file"));
    }

    [TestCase("same.txt", "./same.txt", "archive entry './same.txt' is unsafe (duplicate entry 'same.txt': entry 'same.txt' already writes it)")]
    [TestCase("dir/a.txt", "DIR/b.txt", "archive entry 'DIR/b.txt' is unsafe (duplicate entry: 'DIR' and 'dir' (from entry 'dir/a.txt') differ only in case")]
    [TestCase("f", "f/g", "archive entry 'f/g' is unsafe (its path passes through the file 'f' (entry 'f'))")]
    public void Extract_DuplicateNames_TheMessageNamesBothEntries(string first, string second, string expected)
    {
        using var sandbox = new ExtractionSandbox();

        var exception = Assert.Throws<FetchException>(() => sandbox.Extract(new TarBuilder().File(first, "1").File(second, "2").Build()))!;

        Assert.That(exception.Diagnostic.Message, Does.Contain(expected));
    }

    [Test]
    public void Extract_ZipDuplicateNames_AreUnsafe()
    {
        using var sandbox = new ExtractionSandbox();

        Assert.That(sandbox.Refuse(new ZipBuilder().File("same", "1").File("same", "2").Build()), Is.EqualTo(Unsafe));
    }

    [Test]
    public void Extract_DirectoryListedTwice_IsFine()
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(new TarBuilder().Directory("d").File("d/a", "a").Directory("d/").Build());

        Assert.That(files.Select(f => f.RelativePath), Is.EqualTo(new[] { "d/a" }));
    }

    // Case 9: the caller gives a fresh folder; a seeded one is refused before anything is written.
    [Test]
    public void Extract_TargetHoldingALink_IsRefusedAndNothingIsRedirected()
    {
        using var sandbox = new ExtractionSandbox();
        var outside = Directory.CreateDirectory(Path.Combine(sandbox.Parent, "outside")).FullName;
        Directory.CreateSymbolicLink(sandbox.PathOf("sample"), outside);

        Assert.Throws<ArgumentException>(() => sandbox.Extract(ExtractionSandbox.Fixture("sample.tar")));
        Assert.That(Directory.EnumerateFileSystemEntries(outside), Is.Empty);
    }
}

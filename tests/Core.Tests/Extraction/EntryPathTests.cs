using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Tests.Extraction;

public sealed class EntryPathTests
{
    [TestCase("a/b.txt", 0, "a/b.txt")]
    [TestCase(@"a\b.txt", 0, "a/b.txt")]
    [TestCase("a//b/./c", 0, "a/b/c")]
    [TestCase("a/x/../b", 0, "a/b")]
    [TestCase("top/a/b", 1, "a/b")]
    [TestCase("./top/a", 1, "top/a")] // '.' counts, as in GNU tar
    [TestCase("./top/a", 2, "a")]
    public void ForEntry_RelativeName_GivesTheCleanPath(string name, int strip, string expected)
    {
        var check = EntryPath.ForEntry(name, strip, windowsRules: false);

        Assert.That(check.Refusal, Is.Null);
        Assert.That(check.RelativePath, Is.EqualTo(expected));
    }

    [TestCase("top", 1)]
    [TestCase("top/", 1)]
    [TestCase("top/a", 2)]
    [TestCase("./", 0)]
    [TestCase("", 0)]
    public void ForEntry_NoComponentsLeft_IsTheRoot(string name, int strip)
    {
        Assert.That(EntryPath.ForEntry(name, strip, windowsRules: false).IsRoot, Is.True);
    }

    [TestCase("../x", "'..'")]
    [TestCase("a/../../x", "'..'")]
    [TestCase("/x", "absolute")]
    [TestCase(@"\x", "absolute")]
    [TestCase(@"\\srv\share\x", "UNC")]
    [TestCase(@"C:\x", "drive")]
    [TestCase("c:x", "drive")]
    [TestCase("a\0b", "NUL")]
    public void ForEntry_EscapingName_IsRefused(string name, string reason)
    {
        var check = EntryPath.ForEntry(name, 0, windowsRules: false);

        Assert.That(check.Refusal, Does.Contain(reason));
    }

    [TestCase(@"a\b.txt", 0, @"a\b.txt")]
    [TestCase(@"top\x/a\b", 1, @"a\b")]
    [TestCase(@"a\..\b/c", 0, @"a\..\b/c")]
    public void ForEntry_BackslashThatIsACharacter_StaysInTheNameOffWindows(string name, int strip, string expected)
    {
        var check = EntryPath.ForEntry(name, strip, windowsRules: false, backslashSeparates: false);

        Assert.That(check.Refusal, Is.Null);
        Assert.That(check.RelativePath, Is.EqualTo(expected));
    }

    [Test]
    public void ForEntry_BackslashThatIsACharacter_StillSeparatesUnderWindowsRules()
    {
        Assert.That(EntryPath.ForEntry(@"a\b.txt", 0, windowsRules: true, backslashSeparates: false).RelativePath, Is.EqualTo("a/b.txt"));
    }

    [TestCase(@"..\x")]
    [TestCase(@"a\..\..\x")]
    [TestCase(@"top/..\..\x")]
    public void ForEntry_BackslashTraversalWhereBackslashIsACharacter_IsStillRefused(string name)
    {
        // Harmless as one name on Linux, a traversal on Windows: refused everywhere (RELIABILITY 1).
        Assert.That(EntryPath.ForEntry(name, 0, windowsRules: false, backslashSeparates: false).Refusal, Does.Contain("'..'"));
    }

    [Test]
    public void ForEntry_DotDotAfterStripping_IsRefused()
    {
        Assert.That(EntryPath.ForEntry("a/b/../../c", 1, windowsRules: false).IsRefused, Is.True);
    }

    [Test]
    public void ForEntry_ComponentLongerThanTheFileSystemAllows_IsRefused()
    {
        Assert.That(EntryPath.ForEntry(new string('é', 128), 0, windowsRules: false).Refusal, Does.Contain("255 bytes"));
    }

    [Test]
    public void ForEntry_LoneSurrogate_IsRefused()
    {
        // Written to disk as U+FFFD, "a\uD800" and "a\uDC00" would be one file.
        Assert.That(EntryPath.ForEntry("a\uD800", 0, windowsRules: false).Refusal, Does.Contain("Unicode"));
        Assert.That(EntryPath.ForEntry("a\uD83D\uDE00", 0, windowsRules: false).IsRefused, Is.False, "a pair is fine");
    }

    [TestCase("dir/a:b")]
    [TestCase("what?")]
    [TestCase("trailing.")]
    [TestCase("trailing ")]
    [TestCase("CON")]
    [TestCase("dir/nul.txt")]
    [TestCase("com1.log")]
    public void ForEntry_NameWindowsWouldAlter_IsRefusedUnderWindowsRules(string name)
    {
        Assert.That(EntryPath.ForEntry(name, 0, windowsRules: true).IsRefused, Is.True);
        Assert.That(EntryPath.ForEntry(name, 0, windowsRules: false).IsRefused, Is.False);
    }

    [TestCase("b", "dir/b")]
    [TestCase("../x", "x")]
    [TestCase("..", "")]
    [TestCase("./sub/../c", "dir/c")]
    public void ForLinkTarget_InsideTheRoot_ResolvesFromTheLinkFolder(string target, string expected)
    {
        var check = EntryPath.ForLinkTarget(target, ["dir"], windowsRules: false, isLink: _ => false);

        Assert.That(check.Refusal, Is.Null);
        Assert.That(check.RelativePath, Is.EqualTo(expected));
    }

    [TestCase("../../x")]
    [TestCase("/etc")]
    [TestCase(@"C:\x")]
    [TestCase("")]
    public void ForLinkTarget_OutsideOrRooted_IsRefused(string target)
    {
        Assert.That(EntryPath.ForLinkTarget(target, ["dir"], windowsRules: false, isLink: _ => false).IsRefused, Is.True);
    }

    [Test]
    public void ForLinkTarget_PassingThroughALink_IsRefusedButEndingAtOneIsNot()
    {
        static bool IsLink(string path) => path == "dir/other";

        Assert.That(EntryPath.ForLinkTarget("other/../x", ["dir"], windowsRules: false, IsLink).Refusal, Does.Contain("passes through"));
        Assert.That(EntryPath.ForLinkTarget("other", ["dir"], windowsRules: false, IsLink).IsRefused, Is.False);
    }

    [Test]
    public void CleanLinkTarget_DropsDotsAndEmptyParts()
    {
        Assert.That(EntryPath.CleanLinkTarget("./a//../b/"), Is.EqualTo(string.Join(Path.DirectorySeparatorChar, "a", "..", "b")));
    }
}

using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Tests.Extraction;

public sealed class UnixModesTests
{
    [TestCase(0xFFF, 0x1ED)]
    [TestCase(0x81ED, 0x1ED)]
    [TestCase(0x124, 0x1A4)]
    [TestCase(0x1C0, 0x1C0)]
    public void ForFile_ArchiveMode_KeepsReadAndExecuteOnly(int mode, int expected)
    {
        Assert.That(UnixModes.ForFile(mode), Is.EqualTo((UnixFileMode)expected));
    }

    [Test]
    public void ForFile_NoMode_IsReadableByAll()
    {
        Assert.That(UnixModes.ForFile(null), Is.EqualTo(UnixModes.DefaultFile));
    }

    [TestCase(0xA1FF, false, nameof(EntryKind.SymbolicLink))]
    [TestCase(0x41ED, false, nameof(EntryKind.Directory))]
    [TestCase(0x81A4, false, nameof(EntryKind.File))]
    [TestCase(0x01A4, false, nameof(EntryKind.File))]
    [TestCase(0x0000, true, nameof(EntryKind.Directory))]
    [TestCase(0x21A4, false, nameof(EntryKind.CharacterDevice))]
    [TestCase(0x61A4, false, nameof(EntryKind.BlockDevice))]
    [TestCase(0x11A4, false, nameof(EntryKind.Fifo))]
    [TestCase(0xC1A4, false, nameof(EntryKind.Socket))]
    public void KindOf_TypeBits_NameTheKind(int mode, bool isDirectory, string expected)
    {
        Assert.That(UnixModes.KindOf(mode, isDirectory).ToString(), Is.EqualTo(expected));
    }
}

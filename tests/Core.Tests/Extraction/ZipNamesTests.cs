using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>How a zip's names are decoded, from the raw bytes of its central directory.</summary>
public sealed class ZipNamesTests
{
    private const byte Dos = 0;
    private const byte Unix = 3;
    private const byte Ntfs = 10;
    private const ushort Utf8Flag = 0x0800;

    [Test]
    public void Decide_UnflaggedNameMadeOnDos_IsCodePage437()
    {
        // 0x82 and 0x8A are é and è in code page 437; decoded as UTF-8 both were U+FFFD, one name.
        var names = Names(Record([.. "caf"u8, 0x82, .. ".txt"u8], Dos), Record([.. "caf"u8, 0x8A, .. ".txt"u8], Dos));

        Assert.That(names, Is.EqualTo(new[] { "café.txt", "cafè.txt" }));
    }

    [Test]
    public void Decide_UnflaggedUtf8MadeOnUnix_IsUtf8()
    {
        // As Info-ZIP on Linux and macOS Archive Utility write names.
        Assert.That(Names(Record("names/café.txt"u8.ToArray(), Unix)), Is.EqualTo(new[] { "names/café.txt" }));
    }

    [Test]
    public void Decide_OneUnflaggedUnixNameThatIsNotUtf8_MakesThemAllCodePage437()
    {
        // One decoding per archive: "café" in UTF-8 bytes and in code page 437 bytes stay two names.
        var names = Names(Record("caf\u00e9.txt"u8.ToArray(), Unix), Record([.. "caf"u8, 0x82, .. ".txt"u8], Unix));

        Assert.That(names, Is.EqualTo(new[] { "caf├⌐.txt", "café.txt" }));
    }

    [Test]
    public void Decide_Utf8Flag_IsUtf8WhateverTheHost()
    {
        var names = Names(Record("naïve.txt"u8.ToArray(), Dos, Utf8Flag), Record([.. "bad"u8, 0xFF], Unix, Utf8Flag));

        Assert.That(names, Is.EqualTo(new[] { "naïve.txt", "bad%FF" }));
    }

    [Test]
    public void Decide_UnicodePathField_WinsOverTheNameField()
    {
        var record = Record([.. "caf"u8, 0x82, .. ".txt"u8], Dos) with { UnicodePath = "日本/café.txt" };

        Assert.That(Names(record), Is.EqualTo(new[] { "日本/café.txt" }));
    }

    [TestCase(Dos, "dir/sub/f.txt")]
    [TestCase(Ntfs, "dir/sub/f.txt")]
    [TestCase(Unix, @"dir\sub\f.txt")]
    public void Decide_Backslash_SeparatesOnlyInZipsMadeOnDosOrWindows(byte host, string expected)
    {
        Assert.That(Names(Record(@"dir\sub\f.txt"u8.ToArray(), host)), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Decide_ShiftJisSecondByte0x5C_IsNotASeparator()
    {
        // "表" is 0x95 0x5C in Shift-JIS; the next 0x5C is a separator. Decoded as code page 437, 0x95 is ò.
        Assert.That(Names(Record([0x95, 0x5C, 0x5C, .. "a.txt"u8], Dos)), Is.EqualTo(new[] { @"ò\/a.txt" }));
    }

    [TestCase(Dos, true)]
    [TestCase(Ntfs, true)]
    [TestCase(Unix, false)]
    public void Decide_MsDosDirectoryAttribute_CountsOnlyInZipsMadeOnDosOrWindows(byte host, bool isDirectory)
    {
        var header = ZipNames.Decide([Record("folder"u8.ToArray(), host, attributes: 0x10)])[0];

        Assert.That(header.IsDirectory, Is.EqualTo(isDirectory));
    }

    private static ZipRecord Record(byte[] name, byte host, ushort flags = 0, int attributes = 0) =>
        new(name, UnicodePath: null, host, flags, Crc: 0, attributes, LocalOffset: 0);

    private static IEnumerable<string> Names(params ZipRecord[] records) => ZipNames.Decide(records).Select(header => header.Name);
}

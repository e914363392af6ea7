using Fetch.Build.Core.Extraction;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// When a zip's central directory is whole: its records fill the place the end record gives them,
/// and the end record counts no more of them than there are (fewer, when its 16-bit count wrapped).
/// </summary>
public sealed class ZipCentralDirectoryTests
{
    [Test]
    public void Read_ZipWrittenByDotNet_CountsItsRecords()
    {
        using var folder = new TempDirectory();

        var directory = Read(folder, new ZipBuilder().File("a.txt", "a").Directory("d").Build());

        Assert.That(directory?.Entries.Count, Is.EqualTo(2));
    }

    [Test]
    public void Read_EndRecordCountingFewerRecordsThanThereAre_CountsEveryRecord()
    {
        using var folder = new TempDirectory();

        Assert.That(Read(folder, RawZip.Miscounted(count: 3, claimed: 2))?.Entries.Count, Is.EqualTo(3));
    }

    [Test]
    public void Read_MoreThan65535EntriesWithoutZip64_CountsEveryRecordPastTheWrappedCount()
    {
        using var folder = new TempDirectory();

        // As a writer that does not know Zip64 stores 65,537 in 16 bits: 1.
        Assert.That(Read(folder, RawZip.Miscounted(count: 65_537, claimed: 65_537))?.Entries.Count, Is.EqualTo(65_537));
    }

    [TestCase(3, 4)]
    [TestCase(0, 1)]
    public void Read_EndRecordCountingMoreRecordsThanThereAre_IsNull(int count, int claimed)
    {
        using var folder = new TempDirectory();

        Assert.That(Read(folder, RawZip.Miscounted(count, claimed)), Is.Null);
    }

    [Test]
    public void Read_BytesBetweenTheDirectoryAndTheEndRecord_IsNull()
    {
        using var folder = new TempDirectory();
        var zip = new ZipBuilder().File("a.txt", "a").Build();
        byte[] padded = [.. zip[..^22], 0, 0, 0, 0, .. zip[^22..]];

        Assert.That(Read(folder, padded), Is.Null);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Read_Zip64EndRecords_EndTheDirectory(bool classicSaysSeeZip64)
    {
        using var folder = new TempDirectory();

        Assert.That(Read(folder, RawZip.WithZip64End("a.txt", "a"u8.ToArray(), classicSaysSeeZip64))?.Entries.Count, Is.EqualTo(1));
    }

    [Test]
    public void Read_UnicodePathFieldWithTheNameFieldsCrc_NamesTheEntry()
    {
        using var folder = new TempDirectory();

        var directory = Read(folder, RawZip.WithUnicodePath([.. "caf"u8, 0x82, .. ".txt"u8], "日本.txt", "x"u8.ToArray()));

        Assert.That(directory!.Entries[0].Name, Is.EqualTo("日本.txt"));
    }

    [Test]
    public void Read_UnicodePathFieldWhoseCrcDoesNotMatch_IsStaleAndIgnored()
    {
        using var folder = new TempDirectory();
        // A tool that did not know the field renamed the entry: the field names the old name.
        var zip = RawZip.WithUnicodePath([.. "caf"u8, 0x82, .. ".txt"u8], "old.txt", "x"u8.ToArray());
        zip[zip.AsSpan().IndexOf("caf"u8) + 3] = 0x8A;
        zip[zip.AsSpan().LastIndexOf("caf"u8) + 3] = 0x8A;

        Assert.That(Read(folder, zip)!.Entries[0].Name, Is.EqualTo("cafè.txt"));
    }

    [Test]
    public void Read_BytesBeforeTheZip_AreItsPrefix()
    {
        using var folder = new TempDirectory();
        var zip = File.ReadAllBytes(ExtractionSandbox.Fixture("sample.zip"));

        var directory = Read(folder, [.. "#!/bin/sh\nexit 0\n"u8, .. zip]);

        Assert.That(directory?.Prefix, Is.EqualTo(17));
        Assert.That(directory!.Entries.Select(e => e.Name), Does.Contain("sample/README.txt"));
    }

    [Test]
    public void Read_SelfExtractorWhoseOffsetsCountTheStub_HasNoPrefix()
    {
        using var folder = new TempDirectory();

        Assert.That(Read(folder, File.ReadAllBytes(ExtractionSandbox.Fixture("sfx.zip")))?.Prefix, Is.Zero);
    }

    [Test]
    public void Read_OffsetThatWouldMeanAPrefixWithNoLocalHeaderPastIt_IsNull()
    {
        using var folder = new TempDirectory();
        var zip = File.ReadAllBytes(ExtractionSandbox.Fixture("sample.zip"));
        var end = zip.AsSpan().LastIndexOf("PK\x05\x06"u8);
        // A directory offset one too small reads as one byte before the zip; no entry starts a byte later.
        zip[end + 16]--;

        Assert.That(Read(folder, zip), Is.Null);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Read_Zip64EndRecordsAfterAStub_AreFound(bool classicSaysSeeZip64)
    {
        using var folder = new TempDirectory();
        var zip = RawZip.WithZip64End("a.txt", "a"u8.ToArray(), classicSaysSeeZip64);

        var directory = Read(folder, [.. new byte[100], .. zip]);

        Assert.That((directory?.Entries.Count, directory?.Prefix), Is.EqualTo(((int?)1, (long?)100)));
    }

    [TestCase(0UL, true)]
    [TestCase(1UL, false)]
    public void Read_Zip64LocalOffsetAfterAStub_IsWhereTheLocalHeaderMustBe(ulong offset, bool found)
    {
        using var folder = new TempDirectory();
        var zip = RawZip.WithZip64End("a.txt", "a"u8.ToArray(), zip64LocalOffset: offset);

        var directory = Read(folder, [.. new byte[100], .. zip]);

        Assert.That(directory is not null, Is.EqualTo(found));
    }

    private static ZipDirectorySummary? Read(TempDirectory folder, byte[] zip)
    {
        var path = folder.Combine("archive.zip");
        File.WriteAllBytes(path, zip);
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read);
        return ZipCentralDirectory.Read(source);
    }
}

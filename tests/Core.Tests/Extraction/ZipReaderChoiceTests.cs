using System.Text;
using Fetch.Build.Core.Extraction;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>Which library reads a zip: zlib through the BCL where it reads the archive as SharpCompress does.</summary>
public sealed class ZipReaderChoiceTests
{
    [TestCase("sample.zip")]
    [TestCase("links.zip")]
    [TestCase("sample-deflate64.zip")]
    public void Choose_StoredDeflateOrDeflate64_IsNative(string fixture)
    {
        Assert.That(Choose(ExtractionSandbox.Fixture(fixture)), Is.EqualTo(ZipReader.Native));
    }

    [Test]
    public void Choose_ZipWrittenByDotNet_IsNative()
    {
        using var folder = new TempDirectory();

        Assert.That(Choose(folder, new ZipBuilder().File("a.txt", "a").Directory("d").Build()), Is.EqualTo(ZipReader.Native));
    }

    [TestCase("sample-bzip2.zip")]
    [TestCase("sample-lzma.zip")]
    public void Choose_AnEntryTheBclCannotInflate_IsManagedForTheWholeArchive(string fixture)
    {
        Assert.That(Choose(ExtractionSandbox.Fixture(fixture)), Is.EqualTo(ZipReader.Managed));
    }

    [Test]
    public void Choose_UnicodePathExtraField_IsNative()
    {
        using var folder = new TempDirectory();
        // 0x82 is "é" in code page 437. ZipNames names the entry, not the library that reads it.
        var zip = RawZip.WithUnicodePath([.. "caf"u8, 0x82, .. ".txt"u8], "café.txt", "x"u8.ToArray());

        Assert.That(Choose(folder, zip), Is.EqualTo(ZipReader.Native));
    }

    [TestCase(3, 2)]
    [TestCase(3, 4)]
    public void Choose_EndRecordThatMiscountsTheEntries_IsManaged(int count, int claimed)
    {
        using var folder = new TempDirectory();

        Assert.That(Choose(folder, RawZip.Miscounted(count, claimed)), Is.EqualTo(ZipReader.Managed));
    }

    [Test]
    public void Choose_Zip64EndRecords_IsNative()
    {
        using var folder = new TempDirectory();

        Assert.That(Choose(folder, RawZip.WithZip64End("big.txt", Encoding.UTF8.GetBytes("zip64"))), Is.EqualTo(ZipReader.Native));
    }

    [Test]
    public void Choose_Zip64EndRecordsItDidNotNeed_IsNative()
    {
        using var folder = new TempDirectory();
        var zip = RawZip.WithZip64End("piped.txt", Encoding.UTF8.GetBytes("zip64"), classicSaysSeeZip64: false);

        Assert.That(Choose(folder, zip), Is.EqualTo(ZipReader.Native));
    }

    [Test]
    public void Choose_NoEndRecord_IsManaged()
    {
        using var folder = new TempDirectory();
        var zip = new ZipBuilder().File("a.txt", "a").Build();

        Assert.That(Choose(folder, zip[..^10]), Is.EqualTo(ZipReader.Managed));
    }

    [Test]
    public void Choose_LeavesThePositionWhereItWas()
    {
        using var source = new FileStream(ExtractionSandbox.Fixture("sample.zip"), FileMode.Open, FileAccess.Read);

        ZipReaderChoice.Choose(source);

        Assert.That(source.Position, Is.Zero);
    }

    private static ZipReader Choose(TempDirectory folder, byte[] zip)
    {
        var path = folder.Combine("archive.zip");
        File.WriteAllBytes(path, zip);
        return Choose(path);
    }

    private static ZipReader Choose(string path)
    {
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read);
        return ZipReaderChoice.Choose(source);
    }
}

using System.Buffers.Binary;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// RELIABILITY.md case 10: not an archive, truncated, wrong CRC. SharpCompress checks none of
/// the CRCs of zip entries, 7z entries or gzip trailers itself; these tests hold our checks to it.
/// </summary>
public sealed class ArchiveExtractorCorruptionTests
{
    private const string Unreadable = DiagnosticCatalog.UnreadableArchiveCode;

    private static readonly string[] Fixtures =
    [
        "sample.tar", "sample.tar.gz", "sample.tar.bz2", "sample.tar.xz", "sample.tar.zst", "sample.zip", "sample.7z",
        "sample-bzip2.zip", "sample-lzma.zip", "sample-deflate64.zip",
        "notes.txt.gz", "notes.txt.bz2", "notes.txt.xz", "notes.txt.zst", "stored.7z",
    ];

    [TestCase("")]
    [TestCase("hello, this is plain text and no archive at all")]
    [TestCase("PK")]
    public void Extract_NotAnArchive_IsUnreadable(string content)
    {
        using var sandbox = new ExtractionSandbox();

        Assert.That(sandbox.Refuse(System.Text.Encoding.UTF8.GetBytes(content)), Is.EqualTo(Unreadable));
    }

    [TestCaseSource(nameof(Fixtures))]
    public void Extract_TruncatedToHalf_IsUnreadable(string fixture)
    {
        using var sandbox = new ExtractionSandbox();
        var bytes = File.ReadAllBytes(ExtractionSandbox.Fixture(fixture));

        Assert.That(sandbox.Refuse(bytes[..(bytes.Length / 2)]), Is.EqualTo(Unreadable));
    }

    [Test]
    public void Extract_ZipStoredDataFlipped_FailsTheCrcCheck()
    {
        using var sandbox = new ExtractionSandbox();
        var bytes = File.ReadAllBytes(ExtractionSandbox.Fixture("sample.zip"));
        FlipFirst(bytes, "Fetch.Build fixture"u8);

        Assert.That(sandbox.Refuse(bytes), Is.EqualTo(Unreadable));
    }

    /// <remarks>
    /// sample.zip goes to the BCL first, sample-bzip2.zip straight to SharpCompress, which read
    /// records from wherever the offset pointed and took the garbage there for the end of the
    /// directory: an empty tree, and success. With the size moved against the offset the directory
    /// still ends at the end record, and only the walk from the new offset finds the damage.
    /// </remarks>
    [Test]
    public void Extract_ZipWhoseDirectoryOffsetIsCorrupt_IsUnreadableAndWritesNothing(
        [Values("sample.zip", "sample-bzip2.zip")] string fixture,
        [Values(-1, 1)] int shift,
        [Values] bool sizeFollows)
    {
        using var sandbox = new ExtractionSandbox();
        var bytes = File.ReadAllBytes(ExtractionSandbox.Fixture(fixture));
        var end = EndRecordOf(bytes);
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(end + 16));
        var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(end + 12));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(end + 16), (uint)(offset + shift));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(end + 12), sizeFollows ? (uint)(size - shift) : size);

        Assert.That(sandbox.Refuse(bytes), Is.EqualTo(Unreadable));
        Assert.That(Directory.EnumerateFileSystemEntries(sandbox.Target), Is.Empty);
    }

    /// <summary>The last record cut out and the end record's size made to fit; its count still includes it.</summary>
    [TestCase("sample.zip")]
    [TestCase("sample-bzip2.zip")]
    public void Extract_ZipWithACentralRecordCutOut_IsUnreadableAndWritesNothing(string fixture)
    {
        using var sandbox = new ExtractionSandbox();
        var bytes = File.ReadAllBytes(ExtractionSandbox.Fixture(fixture));
        var end = EndRecordOf(bytes);
        var last = bytes.AsSpan(0, end).LastIndexOf("PK\x01\x02"u8);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(end + 12));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(end + 12), (uint)(size - (end - last)));
        byte[] cut = [.. bytes[..last], .. bytes[end..]];

        Assert.That(sandbox.Refuse(cut), Is.EqualTo(Unreadable));
        Assert.That(Directory.EnumerateFileSystemEntries(sandbox.Target), Is.Empty);
    }

    [Test]
    public void Extract_SevenZipStoredDataFlipped_FailsTheCrcCheck()
    {
        using var sandbox = new ExtractionSandbox();
        var bytes = File.ReadAllBytes(ExtractionSandbox.Fixture("stored.7z"));
        FlipFirst(bytes, "one compressed file"u8);

        Assert.That(sandbox.Refuse(bytes), Is.EqualTo(Unreadable));
    }

    [TestCase(8)] // the CRC-32 of the trailer
    [TestCase(3)] // the length of the trailer
    public void Extract_GzipTrailerFlipped_IsUnreadable(int fromEnd)
    {
        using var sandbox = new ExtractionSandbox();
        var bytes = File.ReadAllBytes(ExtractionSandbox.Fixture("notes.txt.gz"));
        bytes[^fromEnd] ^= 0x01;

        Assert.That(sandbox.Refuse(bytes), Is.EqualTo(Unreadable));
    }

    [TestCase("sample.tar.gz")]
    [TestCase("sample.tar.bz2")]
    [TestCase("sample.tar.xz")]
    [TestCase("sample.tar.zst")]
    public void Extract_CompressedTarChecksumFlipped_IsUnreadable(string fixture)
    {
        using var sandbox = new ExtractionSandbox();
        var bytes = File.ReadAllBytes(ExtractionSandbox.Fixture(fixture));
        // Each format ends with a check of the whole content (gzip CRC-32 and length, bzip2
        // stream CRC, xz footer, zstd content checksum), read after the tar's end.
        bytes[^5] ^= 0x01;

        Assert.That(sandbox.Refuse(bytes), Is.EqualTo(Unreadable));
    }

    [Test]
    public void Extract_GzipWithTrailingGarbage_IsUnreadable()
    {
        using var sandbox = new ExtractionSandbox();
        byte[] bytes = [.. File.ReadAllBytes(ExtractionSandbox.Fixture("notes.txt.gz")), .. "garbage"u8];

        Assert.That(sandbox.Refuse(bytes), Is.EqualTo(Unreadable));
    }

    [TestCase("notes.txt.gz", "gzip")]
    [TestCase("sample.tar.gz", "gzip")]
    [TestCase("notes.txt.bz2", "bzip2")]
    [TestCase("sample.tar.bz2", "bzip2")]
    [TestCase("notes.txt.xz", "xz")]
    [TestCase("sample.tar.xz", "xz")]
    public void Extract_TrailingGarbageAfterZeroPadding_IsUnreadableAndSaysSo(string fixture, string format)
    {
        using var sandbox = new ExtractionSandbox();
        byte[] bytes = [.. File.ReadAllBytes(ExtractionSandbox.Fixture(fixture)), 0, 0, 0, 0, .. "garbage"u8];

        var error = Assert.Throws<FetchException>(() => sandbox.Extract(sandbox.Save(bytes)))!;

        Assert.That(error.Diagnostic.Code, Is.EqualTo(Unreadable));
        Assert.That(error.Diagnostic.Message, Does.EndWith($"bytes that are not zero padding follow the end of its {format} data"));
    }

    [TestCase("notes.txt.gz")]
    [TestCase("sample.tar.gz")]
    [TestCase("notes.txt.bz2")]
    [TestCase("sample.tar.bz2")]
    [TestCase("notes.txt.xz")]
    [TestCase("sample.tar.xz")]
    public void Extract_ZeroPaddingAfterTheStream_IsIgnored(string fixture)
    {
        using var sandbox = new ExtractionSandbox();
        byte[] bytes = [.. File.ReadAllBytes(ExtractionSandbox.Fixture(fixture)), .. new byte[1000]];

        Assert.That(sandbox.Extract(sandbox.Save(bytes), fixture), Is.Not.Empty);
    }

    [Test]
    public void Extract_TarEntryOfUnsupportedType_IsUnreadable()
    {
        using var sandbox = new ExtractionSandbox();
        // 'M' continues a file from another volume: its start is not in this archive.
        var archive = new TarBuilder().Entry("part", 'M', "rest"u8.ToArray(), magic: TarBuilder.GnuMagic).Build();

        Assert.That(sandbox.Refuse(archive), Is.EqualTo(Unreadable));
    }

    [Test]
    public void Extract_SevenZipMethodNotSupported_IsUnreadableInOurWords()
    {
        using var sandbox = new ExtractionSandbox();

        var error = Assert.Throws<FetchException>(() => sandbox.Extract(ExtractionSandbox.Fixture("notes-deflate64.7z")))!;

        Assert.That(error.Diagnostic.Code, Is.EqualTo(Unreadable));
        Assert.That(error.Diagnostic.Message, Does.EndWith("it uses a compression method or feature that is not supported"));
    }

    private static int EndRecordOf(byte[] zip)
    {
        var at = zip.AsSpan().LastIndexOf("PK\x05\x06"u8);
        Assert.That(at, Is.GreaterThan(0), "the zip has an end record");
        return at;
    }

    private static void FlipFirst(byte[] bytes, ReadOnlySpan<byte> text)
    {
        var at = bytes.AsSpan().IndexOf(text);
        Assert.That(at, Is.GreaterThan(0), "the fixture holds the text uncompressed");
        bytes[at + 2] ^= 0x01;
    }
}

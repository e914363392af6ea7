using System.Text;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// Zip through the extractor, whichever library reads it: what the BCL cannot read or reads
/// otherwise goes to SharpCompress, and the tree and the refusals are the same either way.
/// </summary>
public sealed class ArchiveExtractorZipReaderTests
{
    private const string Unreadable = DiagnosticCatalog.UnreadableArchiveCode;
    private static readonly string Text = string.Concat(Enumerable.Repeat("deflate me, deflate me again\n", 200));

    [Test]
    public void Extract_ZipWhoseEndRecordMiscountsTheEntries_IsReadBySharpCompress()
    {
        using var sandbox = new ExtractionSandbox();

        // The BCL refuses the archive; SharpCompress reads the directory it finds, as before.
        var files = sandbox.Extract(RawZip.Miscounted(count: 3, claimed: 2));

        Assert.That(files.Select(f => f.RelativePath), Is.EqualTo(new[] { "file-0", "file-1", "file-2" }));
        Assert.That(File.ReadAllText(sandbox.PathOf("file-2")), Is.EqualTo("content of file 2\n"));
    }

    [TestCase(3, 4)]
    [TestCase(0, 1)]
    public void Extract_ZipWhoseEndRecordCountsMoreEntriesThanItsDirectoryHolds_IsUnreadableAndWritesNothing(int count, int claimed)
    {
        using var sandbox = new ExtractionSandbox();

        // Fewer may be a 16-bit count that wrapped; more can only mean records lost, which
        // SharpCompress does not notice.
        Assert.That(sandbox.Refuse(RawZip.Miscounted(count, claimed)), Is.EqualTo(Unreadable));
        Assert.That(Directory.EnumerateFileSystemEntries(sandbox.Target), Is.Empty);
    }

    [Test]
    public void Extract_ZipWithUnicodePathField_KeepsTheUnicodeName()
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(RawZip.WithUnicodePath([.. "caf"u8, 0x82, .. ".txt"u8], "café.txt", "x"u8.ToArray()));

        Assert.That(files.Select(f => f.RelativePath), Is.EqualTo(new[] { "café.txt" }));
    }

    [Test]
    [Platform(Exclude = "Win")]
    public void Extract_ZipMadeOnDos_SplitsOnBackslashesAndKeepsFolderAttributes()
    {
        using var sandbox = new ExtractionSandbox();
        // As unzip reads them: '\' separates in zips made on DOS, not in one made on Unix; the
        // 0x5C after 0x95 is the second byte of a Shift-JIS character. "docs\empty" is a folder
        // by its MS-DOS attribute alone.
        var zip = RawZip.MadeBy(
            (@"docs\readme.txt"u8.ToArray(), 0, 0, 0x20, "read me\n"u8.ToArray()),
            (@"docs\empty"u8.ToArray(), 0, 0, 0x10, []),
            ([0x95, 0x5C, 0x5C, .. "a.txt"u8], 0, 0, 0x20, "sjis\n"u8.ToArray()),
            (@"unix\name.txt"u8.ToArray(), 3, 0, unchecked((int)(0x81A4u << 16)), "unix\n"u8.ToArray()));

        sandbox.Extract(zip);

        Assert.That(TreeSnapshot.Of(sandbox.Target), Is.EqualTo(new[]
        {
            "d docs",
            "d docs/empty",
            "f docs/readme.txt 8 65ce01fcc3e22e78",
            @"f unix\name.txt 5 d66f691617a7b447",
            @"d ò\",
            @"f ò\/a.txt 5 88647baf42eec1a4",
        }));
    }

    [TestCase("sample.zip")]
    [TestCase("sample-bzip2.zip")]
    public void Extract_ZipAfterAStub_IsReadByEitherLibrary(string fixture)
    {
        using var sandbox = new ExtractionSandbox();
        // "MZ": a Windows self-extractor's stub. sample-bzip2.zip goes to SharpCompress.
        byte[] prefixed = [.. "MZ"u8, .. new byte[510], .. File.ReadAllBytes(ExtractionSandbox.Fixture(fixture))];

        var files = sandbox.Extract(prefixed);

        Assert.That(files.Select(f => f.RelativePath), Is.EqualTo(new[] { "sample/README.txt", "sample/data/empty.txt", "sample/data/numbers.csv" }));
    }

    [Test]
    public void Extract_ZipWithZip64EndRecords_IsRead()
    {
        using var sandbox = new ExtractionSandbox();

        var files = sandbox.Extract(RawZip.WithZip64End("big.txt", Encoding.UTF8.GetBytes(Text)));

        Assert.That(files.Select(f => (f.RelativePath, f.Size)), Is.EqualTo(new[] { ("big.txt", (long)Text.Length) }));
    }

    [Test]
    public void Extract_ZipWithZip64EndRecordsItDidNotNeed_IsRead()
    {
        using var sandbox = new ExtractionSandbox();

        // As Info-ZIP writes input from a pipe: the directory ends at the Zip64 end record, not the classic one.
        var files = sandbox.Extract(RawZip.WithZip64End("piped.txt", Encoding.UTF8.GetBytes(Text), classicSaysSeeZip64: false));

        Assert.That(files.Select(f => (f.RelativePath, f.Size)), Is.EqualTo(new[] { ("piped.txt", (long)Text.Length) }));
    }

    [Test]
    public void Extract_DeflateEntryWhoseDataDoesNotMatchItsCrc_IsUnreadable()
    {
        using var sandbox = new ExtractionSandbox();
        var zip = ZipHeaders.WithCrc(new ZipBuilder().File("data.txt", Text).Build(), 0x12345678);

        var error = Assert.Throws<FetchException>(() => sandbox.Extract(sandbox.Save(zip)));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo(Unreadable));
        Assert.That(error.Diagnostic.Message, Does.Contain("CRC-32 mismatch"));
    }

    [Test]
    public void Extract_EncryptedEntry_IsUnreadableAndNamed()
    {
        using var sandbox = new ExtractionSandbox();
        var zip = ZipHeaders.MarkedEncrypted(new ZipBuilder().File("secret.txt", Text).Build());

        var error = Assert.Throws<FetchException>(() => sandbox.Extract(sandbox.Save(zip)));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo(Unreadable));
        Assert.That(error.Diagnostic.Message, Does.EndWith("'secret.txt' is encrypted, which is not supported"));
    }
}

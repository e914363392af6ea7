using Fetch.Build.Core.Extraction;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// The SharpCompress path on its own: it must yield every record the directory walk found, or
/// refuse before writing, since SharpCompress takes a record it cannot read for the end.
/// </summary>
public sealed class ManagedZipEntriesTests
{
    [Test]
    public void ExtractTo_FewerEntriesThanTheWalkFound_ThrowsBeforeWritingAnything()
    {
        using var folder = new TempDirectory();
        var target = Directory.CreateDirectory(folder.Combine("out")).FullName;

        var error = Assert.Throws<InvalidDataException>(() => Extract(folder, RawZip.Miscounted(count: 2, claimed: 2), target, extraRecords: 1));

        Assert.That(error!.Message, Does.Contain("holds 3 records, of which 2 could be read"));
        Assert.That(Directory.EnumerateFileSystemEntries(target), Is.Empty);
    }

    [Test]
    public void ExtractTo_AsManyEntriesAsTheWalkFound_WritesThem()
    {
        using var folder = new TempDirectory();
        var target = Directory.CreateDirectory(folder.Combine("out")).FullName;

        var files = Extract(folder, RawZip.Miscounted(count: 2, claimed: 2), target, extraRecords: 0);

        Assert.That(files.Select(f => f.RelativePath), Is.EqualTo(new[] { "file-0", "file-1" }));
    }

    /// <param name="extraRecords">Records added to those the walk found, as if SharpCompress had missed them.</param>
    private static IReadOnlyList<ExtractedFile> Extract(TempDirectory folder, byte[] zip, string target, int extraRecords)
    {
        var path = folder.Combine("archive.zip");
        File.WriteAllBytes(path, zip);
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read);
        var headers = ZipCentralDirectory.Read(source)!.Entries
            .Concat(Enumerable.Repeat(new ZipEntryHeader("missed", false, false, 0, 0), extraRecords))
            .ToList();
        var writer = new TreeWriter(target, ExtractionSandbox.Options(), ExtractionSandbox.MaskedUrl, CancellationToken.None);
        ManagedZipEntries.ExtractTo(source, writer, headers);
        return writer.Complete();
    }
}

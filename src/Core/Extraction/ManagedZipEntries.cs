using SharpCompress.Archives;
using SharpCompress.Archives.Zip;
using SharpCompress.Readers;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Reads zip entries through SharpCompress, for what the BCL cannot read: BZip2, LZMA, PPMd,
/// Zstandard and the rest, Unicode Path extra fields, directories the BCL refuses. SharpCompress
/// does not check CRC or size either; <see cref="ZipEntries"/> does.
/// </summary>
internal static class ManagedZipEntries
{
    public static void ExtractTo(Stream zip, TreeWriter writer)
    {
        using var archive = ZipArchive.OpenArchive(zip, new ReaderOptions { LeaveStreamOpen = true });
        foreach (var entry in archive.Entries)
        {
            var header = new ZipEntryHeader(
                entry.Key ?? string.Empty,
                entry.IsDirectory,
                entry.IsEncrypted,
                entry.Attrib ?? 0,
                entry.LastModifiedTime);
            ZipEntries.Add(writer, header, () => Open(entry));
        }
    }

    /// <summary>
    /// CRC and size are read after opening, as they always were here: by then SharpCompress has
    /// read the entry's local header, and reports what it found there.
    /// </summary>
    private static ZipEntryData Open(IArchiveEntry entry)
    {
        var content = entry.OpenEntryStream();
        return new ZipEntryData(content, (uint)entry.Crc, entry.Size);
    }
}

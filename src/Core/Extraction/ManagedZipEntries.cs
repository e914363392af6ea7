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
    /// <param name="headers">The central directory's entries as the walk found and named them, in order.</param>
    public static void ExtractTo(Stream zip, TreeWriter writer, IReadOnlyList<ZipEntryHeader> headers)
    {
        using var archive = ZipArchive.OpenArchive(zip, new ReaderOptions { LeaveStreamOpen = true });
        // SharpCompress takes the first record it cannot read for the end of the directory instead
        // of failing. Counted before anything is written (it keeps the entries it loads), so a
        // record it skips never leaves a partial tree.
        var entries = archive.Entries.ToList();
        if (entries.Count != headers.Count)
        {
            throw new InvalidDataException($"its central directory holds {headers.Count} records, of which {entries.Count} could be read");
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            // Before opening, SharpCompress reports the central directory's CRC.
            ZipEntries.Add(writer, headers[i], (uint)entry.Crc, () => Open(entry));
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

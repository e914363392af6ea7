using System.IO.Compression;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Reads zip entries through System.IO.Compression, whose Deflate is the runtime's zlib. The BCL
/// checks no CRC, and stops a Deflate entry at its declared size rather than failing: a lying
/// size shows as a CRC mismatch in <see cref="ZipEntries"/>, and the extractor then asks SharpCompress.
/// </summary>
internal static class NativeZipEntries
{
    /// <param name="headers">The central directory's entries as the walk found and named them, in order.</param>
    public static void ExtractTo(ZipArchive archive, TreeWriter writer, IReadOnlyList<ZipEntryHeader> headers)
    {
        for (var i = 0; i < archive.Entries.Count; i++)
        {
            var entry = archive.Entries[i];
            // The BCL reads sizes from the central directory alone; so are they checked.
            ZipEntries.Add(writer, headers[i], entry.Crc32, () => new ZipEntryData(entry.Open(), entry.Crc32, entry.Length));
        }
    }
}

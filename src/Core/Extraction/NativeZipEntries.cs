using System.IO.Compression;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Reads zip entries through System.IO.Compression, whose Deflate is the runtime's zlib. The BCL
/// checks no CRC, and stops a Deflate entry at its declared size rather than failing: a lying
/// size shows as a CRC mismatch in <see cref="ZipEntries"/>, and the extractor then asks SharpCompress.
/// </summary>
internal static class NativeZipEntries
{
    public static void ExtractTo(ZipArchive archive, TreeWriter writer)
    {
        foreach (var entry in archive.Entries)
        {
            var header = new ZipEntryHeader(
                entry.FullName,
                IsDirectory(entry),
                entry.IsEncrypted,
                entry.ExternalAttributes);
            // The BCL reads sizes from the central directory alone; so are they checked.
            ZipEntries.Add(writer, header, () => new ZipEntryData(entry.Open(), entry.Crc32, entry.Length));
        }
    }

    /// <summary>
    /// SharpCompress's rule, so both readers make the same tree: a name ending in '/', or an empty
    /// entry ending in '\' (as .NET Framework 4.5 wrote folders).
    /// </summary>
    private static bool IsDirectory(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith('/') || (entry.Length == 0 && entry.CompressedLength == 0 && entry.FullName.EndsWith('\\'));
}

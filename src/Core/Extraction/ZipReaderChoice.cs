using System.IO.Compression;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Decides once, before anything is written, which library reads a zip. The BCL inflates through
/// the runtime's zlib, more than twice as fast as SharpCompress, but decompresses only Stored,
/// Deflate and Deflate64, ignores Unicode Path extra fields, and refuses some directories
/// SharpCompress reads (an end record that miscounts the entries). Any of those, or a directory
/// the two parsers do not agree on, and SharpCompress reads the whole archive, as it always has.
/// </summary>
internal static class ZipReaderChoice
{
    private const ushort Stored = 0;
    private const ushort Deflate = 8;
    private const ushort Deflate64 = 9;

    /// <summary>The decision alone; the stream is left where it was.</summary>
    public static ZipReader Choose(FileStream zip)
    {
        var start = zip.Position;
        ZipReader reader;
        using (var archive = OpenNative(zip))
        {
            reader = archive is null ? ZipReader.Managed : ZipReader.Native;
        }

        zip.Position = start;
        return reader;
    }

    /// <summary>
    /// The archive, opened by the BCL, when the BCL may read it. Else null, with the stream where it
    /// was, for SharpCompress.
    /// </summary>
    public static ZipArchive? OpenNative(FileStream zip)
    {
        var start = zip.Position;
        var archive = TryOpen(zip);
        if (archive is null)
        {
            zip.Position = start;
        }

        return archive;
    }

    private static ZipArchive? TryOpen(FileStream zip)
    {
        if (ZipCentralDirectory.Read(zip) is not { HasUnicodePaths: false } directory
            || directory.Methods.Any(method => method is not (Stored or Deflate or Deflate64)))
        {
            return null;
        }

        ZipArchive? archive = null;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            // Another count means the BCL found other records than the walk did.
            if (archive.Entries.Count == directory.Entries)
            {
                var agreed = archive;
                archive = null;
                return agreed;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException)
        {
            // The BCL refuses this directory; SharpCompress may not.
        }
        finally
        {
            archive?.Dispose();
        }

        return null;
    }
}

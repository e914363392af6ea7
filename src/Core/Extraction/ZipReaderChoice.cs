using System.IO.Compression;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Decides once, before anything is written, which library reads a zip. The BCL inflates through
/// the runtime's zlib, more than twice as fast as SharpCompress, but decompresses only Stored,
/// Deflate and Deflate64, and refuses some directories SharpCompress reads (an end record that
/// counts fewer entries than there are). Any of those, or a directory the BCL and
/// <see cref="ZipCentralDirectory"/> do not agree on, and SharpCompress reads the whole archive, as
/// it always has. A directory that is not whole is read by neither. Names do not matter here:
/// <see cref="ZipNames"/> decides them for both.
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
        using (var archive = ZipCentralDirectory.Read(zip) is { } directory ? OpenNative(zip, directory) : null)
        {
            reader = archive is null ? ZipReader.Managed : ZipReader.Native;
        }

        zip.Position = start;
        return reader;
    }

    /// <summary>
    /// The archive, opened by the BCL, when the BCL may read it: <paramref name="directory"/> is
    /// what <see cref="ZipCentralDirectory"/> found in it. Else null, with the stream where it was,
    /// for SharpCompress.
    /// </summary>
    public static ZipArchive? OpenNative(FileStream zip, ZipDirectorySummary directory)
    {
        var start = zip.Position;
        var archive = TryOpen(zip, directory);
        if (archive is null)
        {
            zip.Position = start;
        }

        return archive;
    }

    private static ZipArchive? TryOpen(FileStream zip, ZipDirectorySummary directory)
    {
        if (directory.Methods.Any(method => method is not (Stored or Deflate or Deflate64)))
        {
            return null;
        }

        ZipArchive? archive = null;
        try
        {
            archive = new ZipArchive(directory.ViewOf(zip), ZipArchiveMode.Read, leaveOpen: true);
            // Another count means the BCL found other records than the walk did.
            if (archive.Entries.Count == directory.Entries.Count)
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

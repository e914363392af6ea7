using SharpCompress.Archives.Zip;
using SharpCompress.Readers;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Reads zip through SharpCompress from the central directory, which carries the Unix mode and
/// file type (symbolic links are entries whose content is the target). CRC and size are checked
/// here, SharpCompress does not.
/// </summary>
internal static class ZipEntries
{
    public static void ExtractTo(Stream zip, TreeWriter writer)
    {
        using var archive = ZipArchive.OpenArchive(zip, new ReaderOptions { LeaveStreamOpen = true });
        foreach (var entry in archive.Entries)
        {
            if (entry.IsEncrypted)
            {
                throw new InvalidDataException($"'{entry.Key}' is encrypted, which is not supported");
            }

            // External attributes: st_mode in the high 16 bits when written on Unix, else zero.
            var mode = (entry.Attrib ?? 0) >>> 16;
            var kind = UnixModes.KindOf(mode, entry.IsDirectory);
            var name = entry.Key ?? string.Empty;
            var modified = EntryTimes.FromArchive(entry.LastModifiedTime);
            using var data = new CrcCheckedStream(entry.OpenEntryStream(), (uint)entry.Crc, entry.Size);
            if (kind == EntryKind.SymbolicLink)
            {
                writer.Add(new ArchiveEntry(name, kind, LinkTargets.Read(data, name), mode, modified), null);
            }
            else
            {
                writer.Add(new ArchiveEntry(name, kind, null, mode == 0 ? null : mode, modified), data);
            }
        }
    }
}

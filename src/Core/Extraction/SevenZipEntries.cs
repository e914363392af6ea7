using SharpCompress.Archives.SevenZip;
using SharpCompress.Common.SevenZip;
using SharpCompress.Readers;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Reads 7z through SharpCompress, in archive order: a solid block is decompressed once, not once
/// per entry. p7zip keeps st_mode in the high 16 bits of the attributes (flag 0x8000), symbolic
/// links as entries whose content is the target. CRCs are checked here, SharpCompress does not.
/// </summary>
internal static class SevenZipEntries
{
    private const uint UnixExtension = 0x8000;

    public static void ExtractTo(Stream sevenZip, TreeWriter writer)
    {
        using var archive = SevenZipArchive.OpenArchive(sevenZip, new ReaderOptions { LeaveStreamOpen = true });
        using var reader = archive.ExtractAllEntries();
        while (reader.MoveToNextEntry())
        {
            if (reader.Entry is not SevenZipEntry entry)
            {
                throw new InvalidDataException("the 7z reader returned an entry of another format");
            }

            if (entry is SevenZipArchiveEntry { IsAnti: true })
            {
                throw new InvalidDataException($"'{entry.Key}' is an anti-item (a deletion in an update archive), which is not supported");
            }

            if (entry.IsEncrypted)
            {
                throw new InvalidDataException($"'{entry.Key}' is encrypted, which is not supported");
            }

            var attributes = (uint)(entry.ExtendedAttrib ?? entry.Attrib ?? 0);
            int? mode = (attributes & UnixExtension) != 0 ? (int)(attributes >> 16) : null;
            var kind = UnixModes.KindOf(mode ?? 0, entry.IsDirectory);
            var name = entry.Key ?? string.Empty;
            if (kind == EntryKind.Directory)
            {
                writer.Add(new ArchiveEntry(name, kind, null, mode), null);
                continue;
            }

            // 7z records no CRC for an empty file; a zero CRC on data is read as "none recorded".
            uint? crc = entry.Crc == 0 ? null : (uint)entry.Crc;
            using var data = new CrcCheckedStream(reader.OpenEntryStream(), crc, entry.Size);
            if (kind == EntryKind.SymbolicLink)
            {
                writer.Add(new ArchiveEntry(name, kind, LinkTargets.Read(data, name), mode), null);
            }
            else
            {
                writer.Add(new ArchiveEntry(name, kind, null, mode), data);
            }
        }
    }
}

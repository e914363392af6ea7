using System.Formats.Tar;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Reads tar through .NET's System.Formats.Tar rather than SharpCompress: SharpCompress 0.50 does
/// not tell a symbolic link from a hard link or a device from a file, and misreads directory
/// modes. Pax, GNU long names and V7 headers are all handled by the runtime.
/// </summary>
internal static class TarEntries
{
    public static void ExtractTo(Stream tar, TreeWriter writer)
    {
        using (var reader = new TarReader(tar, leaveOpen: true))
        {
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                writer.Add(ToEntry(entry), entry.DataStream);
            }
        }

        // Past the end-of-archive blocks: read the rest so a compressed tar's checksum is checked.
        writer.Discard(tar);
    }

    private static ArchiveEntry ToEntry(TarEntry entry)
    {
        if (entry is PaxTarEntry pax && pax.ExtendedAttributes.Keys.Any(key => key.StartsWith("GNU.sparse.", StringComparison.Ordinal)))
        {
            // Written as a regular file, a sparse member would hold its map, not its content.
            throw new InvalidDataException($"'{entry.Name}' is a sparse file, which is not supported");
        }

        var kind = entry.EntryType switch
        {
            TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => EntryKind.File,
            TarEntryType.Directory => EntryKind.Directory,
            TarEntryType.SymbolicLink => EntryKind.SymbolicLink,
            TarEntryType.HardLink => EntryKind.HardLink,
            TarEntryType.CharacterDevice => EntryKind.CharacterDevice,
            TarEntryType.BlockDevice => EntryKind.BlockDevice,
            TarEntryType.Fifo => EntryKind.Fifo,
            _ => (EntryKind?)null,
        };

        if (kind is null)
        {
            // Global pax headers, volume labels, sparse and multi-volume parts: nothing a tree can hold faithfully.
            throw new InvalidDataException($"'{entry.Name}' has tar entry type '{(char)entry.EntryType}', which is not supported");
        }

        return new ArchiveEntry(entry.Name, kind.Value, entry.LinkName, (int)entry.Mode);
    }
}

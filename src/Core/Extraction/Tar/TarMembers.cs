namespace Fetch.Build.Core.Extraction.Tar;

/// <summary>
/// The one place where a tar entry's type flag, and the habits of the writers that set it, decide
/// what the entry is and which bytes after its header are its data. The rules are GNU tar's and
/// libarchive's; where they guess, they guess the same way.
/// </summary>
internal static class TarMembers
{
    public static (ArchiveEntry Entry, Stream? Data) Describe(TarHeader header, TarMetadata metadata, TarEntryReader reader)
    {
        var name = metadata.NameOf(header);
        var size = TarEntryReader.DataSizeOf(metadata.SizeOf(header), name);
        var mode = header.Mode;
        var type = (char)header.TypeFlag;
        switch (type)
        {
            case '1':
                var linked = Entry(name, EntryKind.HardLink, metadata.LinkNameOf(header), mode);
                return (linked, Body(OptionalBody(header, metadata, size, reader, name), reader, name));
            case '2':
                // A link's size, where a writer set one, was the target's length, never data.
                return (Entry(name, EntryKind.SymbolicLink, metadata.LinkNameOf(header), mode), null);
            case '3' or '4' or '6':
                var special = type switch { '3' => EntryKind.CharacterDevice, '4' => EntryKind.BlockDevice, _ => EntryKind.Fifo };
                return (Entry(name, special, null, mode), null);
            case '5':
                return (Entry(name, EntryKind.Directory, null, mode), Body(OptionalBody(header, metadata, size, reader, name), reader, name));
            case 'D':
                // A GNU dump directory: the folder, then a list of the names it held, which creates nothing.
                return (Entry(name, EntryKind.Directory, null, mode), Body(size, reader, name));
            case 'M':
                throw new InvalidDataException($"entry '{name}' continues a file from the previous volume of a multi-volume archive, which is not supported");
            case 'S':
                var gnuMap = SparseMap.FromGnuHeader(header, () => reader.ExtensionBlock(name));
                return (Entry(name, EntryKind.File, null, mode), Sparse(gnuMap, reader.Data(size, name), size, name));
            case '0' or '\0' or '7' when name.EndsWith('/'):
                // Before type '5' existed, a directory was a regular entry named with a trailing
                // slash. Read as a file, it would take the next header for its content.
                return (Entry(name, EntryKind.Directory, null, mode), Body(OptionalBody(header, metadata, size, reader, name), reader, name));
            default:
                // '0', V7's '\0', contiguous '7', and (as POSIX says) any type this reader does not know.
                var file = Entry(name, EntryKind.File, null, mode);
                return (file, metadata.IsSparse ? PaxSparse(metadata.Pax, reader, size, name) : reader.Data(size, name));
        }
    }

    /// <summary>Tar names are bytes; '\' in them is a character (GNU tar and bsdtar keep it).</summary>
    private static ArchiveEntry Entry(string name, EntryKind kind, string? linkTarget, int? mode) =>
        new(name, kind, linkTarget, mode, BackslashSeparates: false);

    /// <summary>
    /// The data size of a hard link or a directory, which should have none. Old writers put the
    /// linked file's size there without its data (node-tar, star); pax lets a hard link carry the
    /// data. libarchive's rule: a pax entry's size is data, a GNU header's never is, and otherwise
    /// data follows only when the next block is not a header.
    /// </summary>
    private static long OptionalBody(TarHeader header, TarMetadata metadata, long size, TarEntryReader reader, string name)
    {
        if (size == 0 || metadata.HasPax)
        {
            return size;
        }

        return header.Layout == TarLayout.Gnu || reader.NextBlockIsAHeader(name) ? 0 : size;
    }

    private static TarEntryStream? Body(long size, TarEntryReader reader, string name) => size == 0 ? null : reader.Data(size, name);

    /// <summary>pax sparse formats: 0.0 and 0.1 keep the map in records, 1.0 at the start of the data.</summary>
    private static Stream PaxSparse(PaxRecords pax, TarEntryReader reader, long size, string name)
    {
        var major = pax.Number("GNU.sparse.major");
        var minor = pax.Number("GNU.sparse.minor");
        if (major == 1 && minor == 0)
        {
            var stored = reader.Data(size, name);
            var (map, mapBytes) = SparseMap.ReadFromData(stored, pax.Number("GNU.sparse.realsize") ?? -1);
            return Sparse(map, stored, size - mapBytes, name);
        }

        if (major is null && (pax.Has("GNU.sparse.map") || pax.Has("GNU.sparse.offset")))
        {
            return Sparse(SparseMap.FromPax(pax), reader.Data(size, name), size, name);
        }

        throw new InvalidDataException($"entry '{name}' is a sparse file in a GNU sparse format this reader does not know ({major}.{minor})");
    }

    private static SparseFileStream Sparse(SparseMap map, Stream stored, long storedBytes, string name) =>
        map.Problem(storedBytes) is { } problem
            ? throw new InvalidDataException($"entry '{name}' is a sparse file whose map is damaged: {problem}")
            : new SparseFileStream(stored, map, name);
}

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Reads zip from the central directory, which carries the Unix mode and file type (symbolic links
/// are entries whose content is the target). <see cref="ZipCentralDirectory"/> finds that directory
/// whole or the archive is refused, and names every entry (<see cref="ZipNames"/>);
/// <see cref="ZipReaderChoice"/> picks the library once per archive, and it must yield every record
/// the walk found, in the same order. Whichever it is, every entry goes through <see cref="Add"/>,
/// and CRC and size are checked here, since neither library checks them.
/// </summary>
internal static class ZipEntries
{
    /// <param name="native">
    /// False when the extractor tries again after the BCL refused the archive: SharpCompress decides.
    /// </param>
    public static void ExtractTo(FileStream zip, TreeWriter writer, bool native)
    {
        var directory = ZipCentralDirectory.Read(zip)
            ?? throw new InvalidDataException("its zip central directory is missing, damaged, or holds fewer entries than its end record counts; the file is truncated or corrupt");
        using var archive = native ? ZipReaderChoice.OpenNative(zip, directory) : null;
        if (archive is not null)
        {
            NativeZipEntries.ExtractTo(archive, writer, directory.Entries);
        }
        else
        {
            ManagedZipEntries.ExtractTo(directory.ViewOf(zip), writer, directory.Entries);
        }
    }

    /// <summary>
    /// One entry, from either library: <paramref name="header"/> is the record the walk found at
    /// its place, and <paramref name="libraryCrc"/> the CRC the library found there, which must be
    /// the same. Refused if encrypted, else written with its content checked against what
    /// <paramref name="open"/> says it must come to.
    /// </summary>
    public static void Add(TreeWriter writer, ZipEntryHeader header, uint libraryCrc, Func<ZipEntryData> open)
    {
        if (libraryCrc != header.Crc)
        {
            throw new InvalidDataException($"the zip reader found another entry where the central directory holds '{header.Name}'");
        }

        if (header.IsEncrypted)
        {
            throw new InvalidDataException($"'{header.Name}' is encrypted, which is not supported");
        }

        // External attributes: st_mode in the high 16 bits when written on Unix, else zero.
        var mode = header.ExternalAttributes >>> 16;
        var kind = UnixModes.KindOf(mode, header.IsDirectory);
        var opened = open();
        using var data = new CrcCheckedStream(opened.Content, opened.Crc, opened.Size);

        // ZipNames made every separator '/': a '\' left in a name is a character.
        if (kind == EntryKind.SymbolicLink)
        {
            writer.Add(new ArchiveEntry(header.Name, kind, LinkTargets.Read(data, header.Name), mode, BackslashSeparates: false), null);
        }
        else
        {
            writer.Add(new ArchiveEntry(header.Name, kind, null, mode == 0 ? null : mode, BackslashSeparates: false), data);
        }
    }
}

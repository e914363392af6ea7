using System.Text;
using System.Text.Unicode;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Decides every entry name of a zip at once, from the central directory's raw bytes, whichever
/// library then reads the data. The zip specification: a name is UTF-8 when flag bit 11 says so,
/// else code page 437, unless an Info-ZIP Unicode Path extra field gives it. Two refinements, each
/// what the tools do:
/// <list type="bullet">
/// <item>Zips made on Unix or macOS (Info-ZIP on Linux, macOS Archive Utility) store UTF-8 without
/// the flag. Where every such name of the archive is valid UTF-8 it is read as UTF-8, as bsdtar and
/// unzip show it; one name that is not makes them all code page 437. One decoding per archive keeps
/// distinct names distinct. Zips made on DOS or Windows are always code page 437.</item>
/// <item>'\' separates folders only in zips made on DOS or Windows, never in the second byte of a
/// Shift-JIS character (Japanese names from Windows carry 0x5C there). Elsewhere it is a character.</item>
/// </list>
/// </summary>
internal static class ZipNames
{
    private const int DosDirectoryAttribute = 0x10;

    public static IReadOnlyList<ZipEntryHeader> Decide(IReadOnlyList<ZipRecord> records)
    {
        var unflaggedUnixIsUtf8 = records
            .Where(record => !record.HasUtf8Name && record.UnicodePath is null && !MadeOnDos(record))
            .All(record => Utf8.IsValid(record.RawName));
        return records.Select(record => Header(record, unflaggedUnixIsUtf8)).ToList();
    }

    /// <summary>MS-DOS (FAT), OS/2 (HPFS), Windows NTFS and VFAT: the hosts whose names use '\' and code page 437.</summary>
    private static bool MadeOnDos(ZipRecord record) => record.Host is 0 or 6 or 10 or 14;

    private static ZipEntryHeader Header(ZipRecord record, bool unflaggedUnixIsUtf8)
    {
        var dos = MadeOnDos(record);
        string name;
        if (record.HasUtf8Name || record.UnicodePath is not null)
        {
            // In UTF-8, 0x5C is always the character '\' itself.
            name = record.UnicodePath ?? EntryNames.Utf8OrEscaped(record.RawName);
            name = dos ? name.Replace('\\', '/') : name;
        }
        else if (!dos && unflaggedUnixIsUtf8)
        {
            name = EntryNames.Utf8OrEscaped(record.RawName);
        }
        else
        {
            // Code page 437 gives one character per byte, so separators are found on the bytes.
            name = EntryNames.FromCp437(record.RawName);
            name = dos ? WithDosSeparators(name, record.RawName) : name;
        }

        var isDirectory = name.EndsWith('/') || (dos && (record.ExternalAttributes & DosDirectoryAttribute) != 0);
        return new ZipEntryHeader(name, isDirectory, record.IsEncrypted, record.ExternalAttributes, record.Crc);
    }

    /// <summary>
    /// <paramref name="name"/> with each 0x5C byte of <paramref name="raw"/> that is a separator
    /// made '/': not one that follows a Shift-JIS lead byte (0x81–0x9F, 0xE0–0xFC) as its second byte.
    /// </summary>
    private static string WithDosSeparators(string name, byte[] raw)
    {
        var text = new StringBuilder(name);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] is (>= 0x81 and <= 0x9F) or (>= 0xE0 and <= 0xFC) && i + 1 < raw.Length && raw[i + 1] is (>= 0x40 and <= 0x7E) or (>= 0x80 and <= 0xFC))
            {
                i++;
            }
            else if (raw[i] == (byte)'\\')
            {
                text[i] = '/';
            }
        }

        return text.ToString();
    }
}

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// One central-directory record as <see cref="ZipCentralDirectory"/> walked it, before its name is
/// decoded (<see cref="ZipNames"/> decides that for the whole archive at once).
/// </summary>
/// <param name="RawName">The name field's bytes.</param>
/// <param name="UnicodePath">The name an Info-ZIP Unicode Path extra field gives, when its CRC matches <paramref name="RawName"/>.</param>
/// <param name="Host">The "version made by" high byte: the file system the entry was made on.</param>
/// <param name="Flags">The general-purpose flags: bit 0 encrypted, bit 11 UTF-8 name.</param>
/// <param name="ExternalAttributes">MS-DOS attributes in the low byte; st_mode in the high 16 bits when made on Unix.</param>
/// <param name="LocalOffset">Where the entry's local header is, from the start of the zip.</param>
internal sealed record ZipRecord(byte[] RawName, string? UnicodePath, byte Host, ushort Flags, uint Crc, int ExternalAttributes, long LocalOffset)
{
    public bool IsEncrypted => (Flags & 0x0001) != 0;

    public bool HasUtf8Name => (Flags & 0x0800) != 0;
}

using System.Buffers.Binary;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Walks a zip's central directory before anything is extracted: whether it is whole, each record
/// (its name decided by <see cref="ZipNames"/>, whichever library reads the data), and each
/// record's compression method, which decides the library. Reads headers only, never entry data; a
/// directory it cannot walk cleanly is null, and the archive is unreadable.
/// </summary>
/// <remarks>
/// SharpCompress reads records from wherever the end record points and takes the first thing that
/// is not one for the end of the directory, so a corrupt offset or a lost record reads as an empty
/// or partial tree, not as an error; the BCL checks only the count. So the records must fill the
/// directory exactly, from the offset the end record gives (plus any bytes before the zip, each
/// entry's local header then found past them) to the end records right after it. And the end
/// record may count fewer records than that, never more: its 16-bit count wraps past 65,535
/// entries and some writers miscount, but a count that no record answers means records were lost.
/// </remarks>
internal static class ZipCentralDirectory
{
    private const uint Zip64LocatorSignature = 0x07064B50;
    private const uint Zip64EndSignature = 0x06064B50;
    private const uint RecordSignature = 0x02014B50;
    private const int EndLength = 22;
    private const int Zip64LocatorLength = 20;
    private const int Zip64EndLength = 56;
    private const int RecordLength = 46;
    private const ushort UnicodePathField = 0x7075;
    private const ushort Zip64ExtraField = 0x0001;
    private const uint LocalHeaderSignature = 0x04034B50;

    private static ReadOnlySpan<byte> EndSignatureBytes => [0x50, 0x4B, 0x05, 0x06];

    public static ZipDirectorySummary? Read(FileStream zip)
    {
        if (Locate(zip) is not var (directory, prefix))
        {
            return null;
        }

        var start = zip.Position;
        try
        {
            return Walk(zip, directory, prefix);
        }
        finally
        {
            zip.Position = start;
        }
    }

    /// <summary>
    /// The end record nearest the end of the file, as the BCL finds it, and the Zip64 one it points
    /// to if it has to; and how many bytes come before the zip (a self-extractor's stub, padding).
    /// Those bytes are the distance between where the directory ends and where the end record says
    /// it does: zero when the offsets count from the file's start, as <c>zip -A</c> leaves a
    /// self-extractor, the stub's length when they count from the zip's, as <c>cat stub x.zip</c> does.
    /// </summary>
    private static (Location Directory, long Prefix)? Locate(FileStream zip)
    {
        var tail = new byte[(int)Math.Min(zip.Length, EndLength + ushort.MaxValue)];
        var tailStart = zip.Length - tail.Length;
        if (tail.Length < EndLength || RandomAccess.Read(zip.SafeFileHandle, tail, tailStart) != tail.Length)
        {
            return null;
        }

        var at = tail.AsSpan(0, tail.Length - EndLength + 4).LastIndexOf(EndSignatureBytes);
        if (at < 0)
        {
            return null;
        }

        var end = tail.AsSpan(at);
        var endPosition = tailStart + at;
        var location = new Location(
            Offset: BinaryPrimitives.ReadUInt32LittleEndian(end[16..]),
            Size: BinaryPrimitives.ReadUInt32LittleEndian(end[12..]),
            Entries: BinaryPrimitives.ReadUInt16LittleEndian(end[10..]));
        var zip64 = LocateZip64(zip, endPosition);
        if (location.Offset == uint.MaxValue || location.Size == uint.MaxValue || location.Entries == ushort.MaxValue)
        {
            return zip64 is { } needed && needed.Directory.PrefixBefore(needed.Position) is { } neededPrefix ? (needed.Directory, neededPrefix) : null;
        }

        // Info-ZIP adds Zip64 end records it does not need when it reads from a pipe, and keeps the
        // true values here: its directory ends where those records begin.
        if (location.PrefixBefore(endPosition) == 0 || (zip64 is { } unneeded && location.PrefixBefore(unneeded.Position) == 0))
        {
            return (location, 0);
        }

        return location.PrefixBefore(zip64?.Position ?? endPosition) is { } prefix ? (location, prefix) : null;
    }

    /// <summary>The Zip64 end record that a locator just before the end record points to, if there is one.</summary>
    private static Zip64End? LocateZip64(FileStream zip, long endPosition)
    {
        Span<byte> locator = stackalloc byte[Zip64LocatorLength];
        var locatorPosition = endPosition - Zip64LocatorLength;
        if (!ReadAt(zip, locator, locatorPosition) || BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
        {
            return null;
        }

        Span<byte> end = stackalloc byte[Zip64EndLength];
        var zip64EndPosition = BinaryPrimitives.ReadUInt64LittleEndian(locator[8..]);
        if (locatorPosition < Zip64EndLength
            || zip64EndPosition > (ulong)(locatorPosition - Zip64EndLength)
            || !ReadAt(zip, end, (long)zip64EndPosition)
            || BinaryPrimitives.ReadUInt32LittleEndian(end) != Zip64EndSignature)
        {
            // Bytes before the zip move the record from where the locator says: it is usually right
            // before the locator. Where it is decides nothing else; the directory must still fit.
            zip64EndPosition = (ulong)(locatorPosition - Zip64EndLength);
            if (locatorPosition < Zip64EndLength || !ReadAt(zip, end, (long)zip64EndPosition) || BinaryPrimitives.ReadUInt32LittleEndian(end) != Zip64EndSignature)
            {
                return null;
            }
        }

        // Past long.MaxValue these turn negative, and PrefixBefore refuses them.
        var directory = new Location(
            Offset: (long)BinaryPrimitives.ReadUInt64LittleEndian(end[48..]),
            Size: (long)BinaryPrimitives.ReadUInt64LittleEndian(end[40..]),
            Entries: (long)BinaryPrimitives.ReadUInt64LittleEndian(end[32..]));
        return new Zip64End((long)zip64EndPosition, directory);
    }

    private static ZipDirectorySummary? Walk(FileStream zip, Location directory, long prefix)
    {
        zip.Position = prefix + directory.Offset;
        var header = new byte[RecordLength];
        var variable = new byte[3 * ushort.MaxValue];
        var methods = new HashSet<ushort>();
        var records = new List<ZipRecord>();
        for (var remaining = directory.Size; remaining > 0;)
        {
            if (remaining < RecordLength)
            {
                return null;
            }

            zip.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != RecordSignature)
            {
                return null;
            }

            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
            var variableLength = nameLength + extraLength + commentLength;
            remaining -= RecordLength + variableLength;
            if (remaining < 0)
            {
                return null;
            }

            zip.ReadExactly(variable.AsSpan(0, variableLength));
            methods.Add(BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(10)));
            var name = variable.AsSpan(0, nameLength).ToArray();
            var extra = variable.AsSpan(nameLength, extraLength);
            var localOffset = LocalOffsetOf(header, extra);

            // Bytes before the zip are a claim the end record's numbers make; every entry's local
            // header must then be found past them, or the numbers were damaged, not shifted.
            if (prefix > 0 && !HasLocalHeaderAt(zip, prefix + localOffset))
            {
                return null;
            }

            records.Add(new ZipRecord(
                name,
                UnicodePathOf(extra, name),
                Host: header[5],
                Flags: BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8)),
                Crc: BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(16)),
                ExternalAttributes: BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(38)),
                LocalOffset: localOffset));
        }

        return records.Count < directory.Entries ? null : new ZipDirectorySummary(ZipNames.Decide(records), methods, prefix);
    }

    /// <summary>
    /// The record's local header offset: the 32-bit field, or where it says "see Zip64" (all ones),
    /// the Zip64 extra field's value, which follows the sizes that also overflowed.
    /// </summary>
    private static long LocalOffsetOf(ReadOnlySpan<byte> header, ReadOnlySpan<byte> extra)
    {
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]);
        if (offset != uint.MaxValue)
        {
            return offset;
        }

        var skip = (BinaryPrimitives.ReadUInt32LittleEndian(header[24..]) == uint.MaxValue ? 8 : 0)
            + (BinaryPrimitives.ReadUInt32LittleEndian(header[20..]) == uint.MaxValue ? 8 : 0);
        return TryFindExtraField(extra, Zip64ExtraField, out var zip64) && zip64.Length >= skip + 8
            ? (long)BinaryPrimitives.ReadUInt64LittleEndian(zip64[skip..])
            : offset;
    }

    private static bool HasLocalHeaderAt(FileStream zip, long position)
    {
        Span<byte> signature = stackalloc byte[4];
        return ReadAt(zip, signature, position) && BinaryPrimitives.ReadUInt32LittleEndian(signature) == LocalHeaderSignature;
    }

    /// <summary>
    /// The name an Info-ZIP Unicode Path extra field gives: version 1, the CRC-32 of the name field
    /// it replaces, the UTF-8 name. A CRC that does not match means the name field was changed by a
    /// tool that did not know the extra field: the field is stale, and ignored, as the note says.
    /// </summary>
    private static string? UnicodePathOf(ReadOnlySpan<byte> extra, byte[] rawName) =>
        TryFindExtraField(extra, UnicodePathField, out var data) && data.Length > 5 && data[0] == 1
        && BinaryPrimitives.ReadUInt32LittleEndian(data[1..]) == ~Crc32.Update(Crc32.DefaultSeed, rawName)
            ? EntryNames.Utf8OrEscaped(data[5..])
            : null;

    /// <summary>
    /// The data of the first extra field with <paramref name="id"/>. Extra fields are (ID, length,
    /// data) triples; a list that does not add up ends where it stops adding up.
    /// </summary>
    private static bool TryFindExtraField(ReadOnlySpan<byte> extra, ushort id, out ReadOnlySpan<byte> data)
    {
        while (extra.Length >= 4)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (4 + length > extra.Length)
            {
                break;
            }

            if (BinaryPrimitives.ReadUInt16LittleEndian(extra) == id)
            {
                data = extra.Slice(4, length);
                return true;
            }

            extra = extra[(4 + length)..];
        }

        data = default;
        return false;
    }

    private static bool ReadAt(FileStream zip, Span<byte> buffer, long position) =>
        position >= 0 && RandomAccess.Read(zip.SafeFileHandle, buffer, position) == buffer.Length;

    private readonly record struct Location(long Offset, long Size, long Entries)
    {
        /// <summary>
        /// How many bytes come before the zip if the directory ends right where the end records
        /// begin, at <paramref name="position"/>; null when it cannot end there.
        /// </summary>
        public long? PrefixBefore(long position) =>
            Offset >= 0 && Size >= 0 && Entries >= 0 && Offset <= position - Size ? position - Size - Offset : null;
    }

    private readonly record struct Zip64End(long Position, Location Directory);
}

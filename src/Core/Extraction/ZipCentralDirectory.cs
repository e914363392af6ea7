using System.Buffers.Binary;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Walks a zip's central directory for what decides which reader reads it, before anything is
/// extracted: each record's compression method and extra-field IDs. The BCL shows neither. Reads
/// headers only, never entry data; anything it cannot walk cleanly is null, which means "ask
/// SharpCompress", as the archive was read before the BCL path existed.
/// </summary>
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

    private static ReadOnlySpan<byte> EndSignatureBytes => [0x50, 0x4B, 0x05, 0x06];

    public static ZipDirectorySummary? Read(FileStream zip)
    {
        if (Locate(zip) is not { } directory)
        {
            return null;
        }

        var start = zip.Position;
        try
        {
            return Walk(zip, directory);
        }
        finally
        {
            zip.Position = start;
        }
    }

    /// <summary>The end record nearest the end of the file, as the BCL finds it, and the Zip64 one it points to if it has to.</summary>
    private static Location? Locate(FileStream zip)
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
        if (location.Offset == uint.MaxValue || location.Size == uint.MaxValue || location.Entries == ushort.MaxValue)
        {
            return LocateZip64(zip, endPosition);
        }

        return location.FitsBefore(endPosition) ? location : null;
    }

    private static Location? LocateZip64(FileStream zip, long endPosition)
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
            return null;
        }

        // Past long.MaxValue these turn negative, and FitsBefore refuses them.
        var location = new Location(
            Offset: (long)BinaryPrimitives.ReadUInt64LittleEndian(end[48..]),
            Size: (long)BinaryPrimitives.ReadUInt64LittleEndian(end[40..]),
            Entries: (long)BinaryPrimitives.ReadUInt64LittleEndian(end[32..]));
        return location.FitsBefore((long)zip64EndPosition) ? location : null;
    }

    private static ZipDirectorySummary? Walk(FileStream zip, Location directory)
    {
        zip.Position = directory.Offset;
        var header = new byte[RecordLength];
        var variable = new byte[3 * ushort.MaxValue];
        var methods = new HashSet<ushort>();
        var unicodePaths = false;
        var remaining = directory.Size;
        for (long i = 0; i < directory.Entries; i++)
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
            unicodePaths |= MayHoldUnicodePath(variable.AsSpan(nameLength, extraLength));
        }

        return new ZipDirectorySummary(directory.Entries, methods, unicodePaths);
    }

    /// <summary>
    /// Extra fields are (ID, length, data) triples. A list that does not add up is read differently
    /// by each parser, so it counts as holding the field.
    /// </summary>
    private static bool MayHoldUnicodePath(ReadOnlySpan<byte> extra)
    {
        while (extra.Length >= 4)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (BinaryPrimitives.ReadUInt16LittleEndian(extra) == UnicodePathField || 4 + length > extra.Length)
            {
                return true;
            }

            extra = extra[(4 + length)..];
        }

        return false;
    }

    private static bool ReadAt(FileStream zip, Span<byte> buffer, long position) =>
        position >= 0 && RandomAccess.Read(zip.SafeFileHandle, buffer, position) == buffer.Length;

    private readonly record struct Location(long Offset, long Size, long Entries)
    {
        /// <summary>Every record is at least 46 bytes: a count the size cannot hold is a lie.</summary>
        public bool FitsBefore(long position) =>
            Offset >= 0 && Size >= 0 && Entries >= 0 && Offset <= position - Size && Entries <= Size / RecordLength;
    }
}

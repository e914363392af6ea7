using System.Text;

namespace Fetch.Build.Core.Extraction.Tar;

/// <summary>
/// Where the stored data of a GNU sparse file goes: segments (offset, length) of a file of
/// <see cref="RealSize"/> bytes, zeros elsewhere. GNU tar writes the map in four ways: in the
/// header of an old GNU 'S' entry and its extension blocks, as repeated pax records (0.0), as one
/// pax record (0.1), or as decimal lines at the start of the entry's data (1.0).
/// </summary>
internal sealed class SparseMap
{
    /// <summary>More segments than any real file has; each costs memory before a byte is written.</summary>
    public const int MaxSegments = 1_000_000;

    private const int GnuHeaderSegments = 4;
    private const int GnuHeaderMapOffset = 386;
    private const int GnuHeaderExtendedOffset = 482;
    private const int GnuHeaderRealSizeOffset = 483;
    private const int GnuExtensionSegments = 21;
    private const int GnuExtensionExtendedOffset = 504;
    private const int SegmentFieldLength = 12;

    private readonly List<(long Offset, long Length)> _segments;

    private SparseMap(List<(long Offset, long Length)> segments, long realSize)
    {
        _segments = segments;
        RealSize = realSize;
    }

    public long RealSize { get; }

    public IReadOnlyList<(long Offset, long Length)> Segments => _segments;

    /// <summary>
    /// The map of an old GNU 'S' header; <paramref name="nextBlock"/> gives the extension blocks that
    /// follow it while the last one read says more follow.
    /// </summary>
    public static SparseMap FromGnuHeader(TarHeader header, Func<byte[]> nextBlock)
    {
        var segments = new List<(long, long)>();
        var more = ReadGnuSegments(header.Block, GnuHeaderMapOffset, GnuHeaderSegments, segments)
            && header.Block[GnuHeaderExtendedOffset] != 0;
        while (more && segments.Count <= MaxSegments)
        {
            var block = nextBlock();
            more = ReadGnuSegments(block, 0, GnuExtensionSegments, segments) && block[GnuExtensionExtendedOffset] != 0;
        }

        var realSize = TarNumbers.Parse(header.Block.Slice(GnuHeaderRealSizeOffset, SegmentFieldLength)) ?? -1;
        return new SparseMap(segments, realSize);
    }

    /// <summary>The map of pax formats 0.0 (offset and numbytes records in turn) and 0.1 (one "map" record of pairs).</summary>
    public static SparseMap FromPax(PaxRecords pax)
    {
        var segments = new List<(long, long)>();
        if (pax.Value("GNU.sparse.map") is { } map)
        {
            var numbers = Encoding.ASCII.GetString(map).Split(',');
            for (var i = 0; i + 1 < numbers.Length; i += 2)
            {
                Add(segments, Decimal(numbers[i]), Decimal(numbers[i + 1]));
            }

            if (numbers.Length % 2 != 0)
            {
                segments.Add((-1, -1));
            }
        }
        else
        {
            long? offset = null;
            foreach (var (key, value) in pax.All)
            {
                if (key == "GNU.sparse.offset")
                {
                    offset = PaxRecords.TryDecimal(value, out var number) ? number : -1;
                }
                else if (key == "GNU.sparse.numbytes")
                {
                    Add(segments, offset ?? -1, PaxRecords.TryDecimal(value, out var number) ? number : -1);
                    offset = null;
                }
            }
        }

        return new SparseMap(segments, pax.Number("GNU.sparse.size") ?? -1);
    }

    /// <summary>
    /// The map of pax format 1.0, read from the start of the entry's <paramref name="data"/>:
    /// decimal numbers each ended by a newline (the count, then offset and length pairs), padded
    /// with zeros to a whole block. Returns how many bytes of data it took.
    /// </summary>
    public static (SparseMap Map, long MapBytes) ReadFromData(Stream data, long realSize)
    {
        long consumed = 0;
        long Next()
        {
            var digits = new StringBuilder();
            for (int value; (value = data.ReadByte()) != '\n'; digits.Append((char)value))
            {
                if (value < 0 || digits.Length > 18)
                {
                    return -1;
                }

                consumed++;
            }

            consumed++;
            return Decimal(digits.ToString());
        }

        var count = Next();
        var segments = new List<(long, long)>();
        for (long i = 0; i < count && segments.Count <= MaxSegments; i++)
        {
            Add(segments, Next(), Next());
        }

        if (count < 0)
        {
            segments.Add((-1, -1));
        }

        var padding = (TarHeader.BlockSize - (consumed % TarHeader.BlockSize)) % TarHeader.BlockSize;
        for (var i = 0; i < padding; i++)
        {
            data.ReadByte();
        }

        return (new SparseMap(segments, realSize), consumed + padding);
    }

    /// <summary>Why the map cannot describe <paramref name="storedBytes"/> of data, or null when it does.</summary>
    public string? Problem(long storedBytes)
    {
        if (RealSize < 0)
        {
            return "its real size is missing";
        }

        if (_segments.Count > MaxSegments)
        {
            return $"it has more than {MaxSegments} segments";
        }

        long end = 0;
        long total = 0;
        foreach (var (offset, length) in _segments)
        {
            if (offset < 0 || length < 0)
            {
                return "a segment is not a pair of numbers";
            }

            if (offset < end || length > RealSize - offset)
            {
                return "its segments overlap, are out of order, or pass the end of the file";
            }

            end = offset + length;
            total += length;
        }

        return total == storedBytes ? null : $"its segments hold {total} bytes but the entry stores {storedBytes}";
    }

    private static bool ReadGnuSegments(ReadOnlySpan<byte> block, int at, int count, List<(long, long)> segments)
    {
        for (var i = 0; i < count; i++, at += 2 * SegmentFieldLength)
        {
            // An empty offset field ends the map.
            if (TarNumbers.Parse(block.Slice(at, SegmentFieldLength)) is not { } offset)
            {
                return false;
            }

            Add(segments, offset, TarNumbers.Parse(block.Slice(at + SegmentFieldLength, SegmentFieldLength)) ?? -1);
        }

        return true;
    }

    /// <summary>Past <see cref="MaxSegments"/> one more is kept, so <see cref="Problem"/> sees the excess, and nothing after it.</summary>
    private static void Add(List<(long, long)> segments, long offset, long length)
    {
        if (segments.Count <= MaxSegments)
        {
            segments.Add((offset, length));
        }
    }

    private static long Decimal(string text) => PaxRecords.TryDecimal(Encoding.ASCII.GetBytes(text.Trim()), out var value) ? value : -1;
}

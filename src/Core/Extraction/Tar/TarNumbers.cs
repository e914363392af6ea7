namespace Fetch.Build.Core.Extraction.Tar;

/// <summary>
/// The numeric fields of a tar header, read as GNU tar and libarchive read them: octal digits with
/// any leading spaces or NULs and anything after the digits ignored (Plexus and Ant wrote
/// "   644 \0"), or GNU's base-256 form (high bit of the first byte set) for values octal cannot hold.
/// </summary>
internal static class TarNumbers
{
    /// <summary>The field's value; null when it holds no digits at all, or a base-256 value past 63 bits.</summary>
    public static long? Parse(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty)
        {
            return null;
        }

        return (field[0] & 0x80) != 0 ? ParseBase256(field) : ParseOctal(field);
    }

    private static long? ParseOctal(ReadOnlySpan<byte> field)
    {
        var start = 0;
        while (start < field.Length && field[start] is (byte)' ' or 0)
        {
            start++;
        }

        long value = 0;
        var digits = 0;
        for (var i = start; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; i++, digits++)
        {
            // Twelve digits, the longest field, are 36 bits: no overflow is possible.
            value = (value * 8) + (field[i] - '0');
        }

        return digits == 0 ? null : value;
    }

    /// <summary>
    /// Big-endian two's complement over the whole field, the top bit of the first byte only marking
    /// the form: 0x80 starts a positive value, 0xFF a negative one.
    /// </summary>
    private static long? ParseBase256(ReadOnlySpan<byte> field)
    {
        var negative = (field[0] & 0x40) != 0;
        long value = negative ? (field[0] & 0x3F) - 0x40 : field[0] & 0x3F;
        foreach (var next in field[1..])
        {
            if (value > (long.MaxValue >> 8) || value < (long.MinValue >> 8))
            {
                return null;
            }

            value = (value << 8) | next;
        }

        return value;
    }
}

using System.Globalization;

namespace Fetch.Build.Core.Maintenance;

/// <summary>
/// Sizes as users write them (SPEC §8): <c>500MB</c>, <c>20GiB</c>, <c>1.5 GB</c>, or bytes. Decimal
/// units (kB, MB, GB, TB) are powers of 1000 and binary ones (KiB, MiB, GiB, TiB) powers of 1024, as
/// ccache and the disk tools read them; the unit's case is ignored.
/// </summary>
internal static class ByteSize
{
    private static readonly (string Unit, long Factor)[] Units =
    [
        ("B", 1), ("KB", 1000), ("MB", 1000 * 1000), ("GB", 1000L * 1000 * 1000), ("TB", 1000L * 1000 * 1000 * 1000),
        ("KiB", 1024), ("MiB", 1024 * 1024), ("GiB", 1024L * 1024 * 1024), ("TiB", 1024L * 1024 * 1024 * 1024),
    ];

    /// <summary>What a size looks like, for messages.</summary>
    public const string Examples = "a size such as 500MB, 20GiB or 1048576 (bytes)";

    /// <summary>The number of bytes <paramref name="text"/> names, or null when it is not a size.</summary>
    public static long? Parse(string text)
    {
        var trimmed = text.Trim();
        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        var unit = trimmed[split..].Trim();
        if (split == 0 || !decimal.TryParse(trimmed[..split], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        foreach (var (name, factor) in Units)
        {
            if (unit.Length == 0 || string.Equals(unit, name, StringComparison.OrdinalIgnoreCase))
            {
                var bytes = number * (unit.Length == 0 ? 1 : factor);
                return bytes <= long.MaxValue ? (long)decimal.Round(bytes) : null;
            }
        }

        return null;
    }

    /// <summary>A size for people: bytes below 1 KiB, else two or three significant digits in binary units.</summary>
    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        string[] names = ["KiB", "MiB", "GiB", "TiB", "PiB"];
        var value = bytes / 1024.0;
        var index = 0;
        while (value >= 1024 && index < names.Length - 1)
        {
            value /= 1024;
            index++;
        }

        return value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + names[index];
    }
}

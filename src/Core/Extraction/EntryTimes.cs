namespace Fetch.Build.Core.Extraction;

/// <summary>Which archive timestamps are worth setting on extracted files.</summary>
internal static class EntryTimes
{
    private static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;
    private static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The time in UTC, or null when there is none or it is implausible (a corrupt header): the
    /// file then keeps its creation time, which is better than failing over a timestamp.
    /// </summary>
    public static DateTime? Usable(DateTimeOffset? time) =>
        time is { } value && value >= Earliest && value < Latest ? value.UtcDateTime : null;

    /// <summary>Zip and 7z give local or unspecified times; read an unspecified one as local, as unzip does.</summary>
    public static DateTimeOffset? FromArchive(DateTime? time) =>
        time is { } value && value.Year is >= 1970 and < 2200 ? new DateTimeOffset(value) : null;
}

using System.Globalization;

namespace Fetch.Build.Core.Maintenance;

/// <summary>Ages as users write them (SPEC §8): <c>30d</c>, <c>12h</c>, <c>45m</c>, <c>2w</c>, <c>90s</c>.</summary>
internal static class Age
{
    public const string Examples = "an age such as 30d, 12h, 45m or 2w";

    /// <summary>The span <paramref name="text"/> names, or null when it is not an age.</summary>
    public static TimeSpan? Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || !long.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        var unit = char.ToLowerInvariant(trimmed[^1]) switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            _ => TimeSpan.Zero,
        };
        return unit == TimeSpan.Zero || count > TimeSpan.MaxValue.Ticks / unit.Ticks ? null : TimeSpan.FromTicks(unit.Ticks * count);
    }
}

using System.Globalization;
using System.Net.Http.Headers;

namespace Fetch.Build.Core.Http;

/// <summary>
/// Reads how long a server wants us to stay away: <c>Retry-After</c> (seconds or HTTP date), the
/// de-facto <c>X-RateLimit-Remaining</c>/<c>X-RateLimit-Reset</c> pair (GitHub, Zenodo) and the
/// IETF <c>RateLimit</c> fields. Unparseable values are ignored rather than guessed at.
/// </summary>
internal static class RateLimitHeaders
{
    // Below this an X-RateLimit-Reset is a delta in seconds, above it an epoch time (2001-09-09).
    private const double EpochThreshold = 1_000_000_000;

    /// <summary>The longest wait any header asks for; zero for a time already past; null when none asks.</summary>
    public static TimeSpan? AskedWait(HttpResponseMessage response, DateTimeOffset now)
    {
        var wait = RetryAfter(response, now);
        if (IsExhausted(response))
        {
            wait = Longer(wait, Reset(response, now));
        }

        return wait;
    }

    /// <summary>True when the server says no requests are left: then a 403 is a rate limit, not a refusal.</summary>
    public static bool IsExhausted(HttpResponseMessage response) =>
        Number(response, "X-RateLimit-Remaining") == 0 ||
        Number(response, "RateLimit-Remaining") == 0 ||
        StructuredField(response, "remaining", "r") == 0;

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (Raw(response, "Retry-After") is not { } raw || !RetryConditionHeaderValue.TryParse(raw, out var value))
        {
            return null;
        }

        return value.Delta ?? NotNegative(value.Date!.Value - now);
    }

    private static TimeSpan? Reset(HttpResponseMessage response, DateTimeOffset now)
    {
        TimeSpan? wait = null;
        if (Number(response, "X-RateLimit-Reset") is { } reset)
        {
            wait = reset >= EpochThreshold ? NotNegative(DateTimeOffset.FromUnixTimeMilliseconds((long)(reset * 1000)) - now) : Seconds(reset);
        }

        // The IETF drafts send delta seconds only, in a field of its own or inside RateLimit.
        if (Number(response, "RateLimit-Reset") is { } delta)
        {
            wait = Longer(wait, Seconds(delta));
        }

        if (StructuredField(response, "reset", "t") is { } t)
        {
            wait = Longer(wait, Seconds(t));
        }

        return wait;
    }

    /// <summary>A parameter of <c>RateLimit: limit=10, remaining=0, reset=5</c> or <c>RateLimit: "default";r=0;t=5</c>.</summary>
    private static double? StructuredField(HttpResponseMessage response, string name, string shortName)
    {
        if (Raw(response, "RateLimit") is not { } raw)
        {
            return null;
        }

        foreach (var part in raw.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = part[..equals].Trim();
            if ((key.Equals(name, StringComparison.OrdinalIgnoreCase) || key.Equals(shortName, StringComparison.OrdinalIgnoreCase)) &&
                TryNumber(part[(equals + 1)..], out var number))
            {
                return number;
            }
        }

        return null;
    }

    private static double? Number(HttpResponseMessage response, string header) =>
        Raw(response, header) is { } raw && TryNumber(raw, out var number) ? number : null;

    private static bool TryNumber(string text, out double number) =>
        double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    private static string? Raw(HttpResponseMessage response, string header) =>
        response.Headers.NonValidated.TryGetValues(header, out var values) && values.Count > 0 ? values.ToString() : null;

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));

    private static TimeSpan NotNegative(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;

    private static TimeSpan? Longer(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

using System.Globalization;
using System.Net;

namespace Fetch.Build.Core.Http;

/// <summary>
/// Decides what an unsuccessful status means: worth another attempt (and after how long), or a
/// failure no retry will fix. SPEC §5 "Robust network" and RELIABILITY.md cases 15–17.
/// </summary>
internal static class StatusClassifier
{
    public static AttemptFailedException Classify(HttpResponseMessage response, DownloadSpec spec, DateTimeOffset now, TimeSpan maxWait)
    {
        var status = response.StatusCode;
        var text = Describe(status);
        var asked = RateLimitHeaders.AskedWait(response, now);

        // GitHub answers an exhausted budget with 403; only a 403 without such headers is a refusal.
        var rateLimited = status == HttpStatusCode.TooManyRequests ||
            (status == HttpStatusCode.Forbidden && (asked is not null || RateLimitHeaders.IsExhausted(response)));
        if (!rateLimited && !IsTransient(status))
        {
            return AttemptFailedException.Permanent(text + AuthHint(status, spec));
        }

        if (rateLimited)
        {
            text += " (rate limited)";
        }

        if (asked > maxWait)
        {
            return AttemptFailedException.Permanent(
                $"{text}; the server asked to wait {Seconds(asked.Value)}, longer than FetchMaxRetryDelaySeconds ({Seconds(maxWait)})");
        }

        // A wait already over (a past date, a reset just passed) leaves our own backoff in charge.
        return AttemptFailedException.Transient(text, asked > TimeSpan.Zero ? asked : null);
    }

    public static string Describe(HttpStatusCode status) =>
        Enum.IsDefined(status) ? $"HTTP {(int)status} {status}" : $"HTTP {(int)status}";

    public static string Seconds(TimeSpan wait) => wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static string AuthHint(HttpStatusCode status, DownloadSpec spec) =>
        status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && spec.Credentials.UnsetVariable is { } variable
            ? $" (BearerTokenVariable names '{variable}', which is not set)"
            : string.Empty;
}

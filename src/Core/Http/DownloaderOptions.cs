using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Http;

/// <summary>
/// How hard the downloader tries. The positional values come from the user's properties; the
/// init-only ones are internal knobs with defaults in <see cref="DownloadConstants"/>, set by tests.
/// </summary>
internal sealed record DownloaderOptions(
    int RetryCount,
    TimeSpan InactivityTimeout,
    TimeSpan MaxRetryDelay,
    int MaxRedirects = FetchDefaults.MaxRedirects)
{
    /// <summary>The median first backoff; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = DownloadConstants.RetryBaseDelay;

    /// <summary>A remaining length above this, from a server that serves ranges, is fetched in segments.</summary>
    public long SegmentThreshold { get; init; } = DownloadConstants.SegmentThreshold;

    public int SegmentCount { get; init; } = DownloadConstants.SegmentCount;

    public TimeSpan ProgressDelay { get; init; } = DownloadConstants.ProgressDelay;

    public TimeSpan ProgressInterval { get; init; } = DownloadConstants.ProgressInterval;
}

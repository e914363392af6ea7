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
    int MaxRedirects = FetchLimits.MaxRedirects)
{
    /// <summary>The median first backoff; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = DownloadConstants.RetryBaseDelay;

    /// <summary>A remaining length above this, from a server that serves ranges, is fetched in segments.</summary>
    public long SegmentThreshold { get; init; } = DownloadConstants.SegmentThreshold;

    public int SegmentCount { get; init; } = DownloadConstants.SegmentCount;

    /// <summary>Connections the HTTP stack opens to one host at once (segments included); null: no bound.</summary>
    public int? MaxConnectionsPerHost { get; init; }

    /// <summary>Fixed piece size for tests; by default <see cref="PieceSizeFor"/> picks one.</summary>
    public long? PieceSize { get; init; }

    /// <summary>
    /// About eight pieces a connection, 4–32 MiB each: small enough that the hasher is never far
    /// behind, large enough that a request per piece costs little on a slow link.
    /// </summary>
    public long PieceSizeFor(long remaining) =>
        PieceSize ?? Math.Clamp(remaining / (SegmentCount * 8L), DownloadConstants.MinPieceSize, DownloadConstants.MaxPieceSize);

    /// <summary>
    /// The user's settings as the downloader's: a file is split over at most as many connections as
    /// one host may have, and over one when segmented downloads are off.
    /// </summary>
    public static DownloaderOptions For(FetchSettings settings) =>
        new(settings.RetryCount, settings.Timeout, settings.MaxRetryDelay)
        {
            MaxConnectionsPerHost = settings.MaxConnectionsPerHost,
            SegmentCount = settings.SegmentedDownloads ? Math.Min(DownloadConstants.SegmentCount, settings.MaxConnectionsPerHost) : 1,
        };

    public TimeSpan ProgressDelay { get; init; } = DownloadConstants.ProgressDelay;

    public TimeSpan ProgressInterval { get; init; } = DownloadConstants.ProgressInterval;
}

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

    /// <summary>Fixed piece size for tests; by default <see cref="PieceSizeFor"/> picks one.</summary>
    public long? PieceSize { get; init; }

    /// <summary>
    /// About eight pieces a connection, 4–32 MiB each: small enough that the hasher is never far
    /// behind, large enough that a request per piece costs little on a slow link.
    /// </summary>
    public long PieceSizeFor(long remaining) =>
        PieceSize ?? Math.Clamp(remaining / (SegmentCount * 8L), DownloadConstants.MinPieceSize, DownloadConstants.MaxPieceSize);

    public TimeSpan ProgressDelay { get; init; } = DownloadConstants.ProgressDelay;

    public TimeSpan ProgressInterval { get; init; } = DownloadConstants.ProgressInterval;
}

namespace Fetch.Build.Core.Http;

/// <summary>Internal defaults of the downloader that users do not set.</summary>
internal static class DownloadConstants
{
    /// <summary>Per connection: large enough that a fast link costs few reads, writes and hash calls per megabyte.</summary>
    public const int BufferSize = 1 << 18;

    /// <summary>Re-reading a resumed prefix for the hasher: large reads, the file is local.</summary>
    public const int RefeedBufferSize = 1 << 20;

    /// <summary>
    /// Fewer bytes than this within FetchTimeoutSeconds is a stalled transfer (a transient
    /// failure), not a slow one: a link that slow would take hours for what a build needs.
    /// </summary>
    public const int StallFloorBytes = 1024;

    public const long SegmentThreshold = 32L * 1024 * 1024;

    public const int SegmentCount = 4;

    public const long MinPieceSize = 4L * 1024 * 1024;

    public const long MaxPieceSize = 32L * 1024 * 1024;

    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan ProgressDelay = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);
}

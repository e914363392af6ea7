namespace Fetch.Build.Core.Client;

/// <summary>
/// Where one download stands. Reported a few seconds into a download that is still running, then
/// every few seconds, and once more when it ends (<see cref="IsFinished"/>); a fetch served from
/// the cache or finished quickly reports nothing.
/// </summary>
public sealed class FetchProgress
{
    internal FetchProgress(string maskedUrl, long bytesReceived, long? totalBytes, double bytesPerSecond, bool isFinished)
    {
        MaskedUrl = maskedUrl;
        BytesReceived = bytesReceived;
        TotalBytes = totalBytes;
        BytesPerSecond = bytesPerSecond;
        IsFinished = isFinished;
    }

    /// <summary>The URL being fetched, with any secret in it masked.</summary>
    public string MaskedUrl { get; }

    /// <summary>Bytes of the file present so far, including any resumed from an earlier attempt.</summary>
    public long BytesReceived { get; }

    /// <summary>The file's length, when the server said it.</summary>
    public long? TotalBytes { get; }

    /// <summary>The rate since the previous report; 0 in the final one.</summary>
    public double BytesPerSecond { get; }

    /// <summary>True in the last report of a download.</summary>
    public bool IsFinished { get; }
}

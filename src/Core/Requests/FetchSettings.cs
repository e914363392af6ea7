namespace Fetch.Build.Core.Requests;

/// <summary>Validated options for one run.</summary>
internal sealed record FetchSettings
{
    public required string CacheDirectory { get; init; }
    public bool Offline { get; init; }
    public bool RequireHash { get; init; }
    public bool DesignTime { get; init; }
    public int MaxParallelDownloads { get; init; } = FetchDefaults.MaxParallelDownloads;
    public int RetryCount { get; init; } = FetchDefaults.RetryCount;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(FetchDefaults.TimeoutSeconds);
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(FetchDefaults.MaxRetryDelaySeconds);
    public long MaxExtractedBytes { get; init; } = FetchDefaults.MaxExtractedBytes;
    public LinkMode LinkMode { get; init; } = LinkMode.Copy;
    public required string ProjectDirectory { get; init; }
    public string? StateFile { get; init; }

    /// <summary>Hosts whose record URLs get their checksum from the Zenodo files API; tests add the loopback host.</summary>
    public IReadOnlyList<string>? ZenodoHosts { get; init; }
    public required string DefaultDestinationFolder { get; init; }
}

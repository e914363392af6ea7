namespace Fetch.Build.Core.Requests;

/// <summary>
/// Validated options for one run. <see cref="Settings.SettingsParser"/> builds them from MSBuild
/// properties and the environment, <see cref="Settings.SettingCatalog.Defaults"/> from nothing;
/// the defaults and ranges live in <see cref="Settings.SettingCatalog"/>.
/// </summary>
internal sealed record FetchSettings
{
    public required string CacheDirectory { get; init; }
    public bool Offline { get; init; }
    public bool RequireHash { get; init; }
    public bool DesignTime { get; init; }
    public int MaxParallelDownloads { get; init; }
    public int RetryCount { get; init; }
    public TimeSpan Timeout { get; init; }
    public TimeSpan MaxRetryDelay { get; init; }
    public long MaxExtractedBytes { get; init; }
    public LinkMode LinkMode { get; init; }
    public int MaxConnectionsPerHost { get; init; }
    public bool SegmentedDownloads { get; init; }

    /// <summary>FetchCacheMaxSize: after a build that added content, least-recently-used content beyond it is removed; null for no cap.</summary>
    public long? CacheMaxSize { get; init; }

    public required string ProjectDirectory { get; init; }

    /// <summary>The base URL of the shared content store (<c>{base}/cas/{sha256}</c>); none when null.</summary>
    public Uri? RemoteCache { get; init; }

    /// <summary>Upload content verified against a digest known before its download to <see cref="RemoteCache"/>.</summary>
    public bool RemoteCacheUpload { get; init; }

    /// <summary>The environment variable whose value goes to the store as a bearer token.</summary>
    public string? RemoteCacheTokenVariable { get; init; }

    /// <summary>The URL-rewrite file (full path once parsed); none when null.</summary>
    public string? UrlRewriteFile { get; init; }

    /// <summary>The project's record of what it placed (in obj/), for no-op builds that never open the cache; none when null.</summary>
    public string? StateFile { get; init; }

    /// <summary>DestinationFolder when an item gives none: a full path.</summary>
    public required string DefaultDestinationFolder { get; init; }

    /// <summary>Record and enforce digests in the lock file (SPEC §7).</summary>
    public bool UseLockFile { get; init; }

    /// <summary>The lock file, a full path once parsed; used only with <see cref="UseLockFile"/>.</summary>
    public string LockFilePath { get; init; } = Pinning.LockFileDefaults.FileName;

    /// <summary>The lock file must already pin every artifact and is never written; only with <see cref="UseLockFile"/>.</summary>
    public bool LockedMode { get; init; }

    /// <summary>The lock file this run reads and writes, or null when the project uses none.</summary>
    public string? LockFile => UseLockFile ? LockFilePath : null;
}

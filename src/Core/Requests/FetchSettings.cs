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

    /// <summary>FetchCacheMaxSize: after a build that added content, least-recently-used content beyond it is removed; null for no cap.</summary>
    public long? CacheMaxSize { get; init; }

    /// <summary>
    /// Fetch into the cache and place nothing (the tool's <c>hash</c> and <c>add</c>): each artifact's
    /// result names the stored blob. Not a user setting.
    /// </summary>
    public bool CacheOnly { get; init; }
    public required string ProjectDirectory { get; init; }

    /// <summary>The project's record of what it placed (in obj/), for no-op builds that never open the cache; none when null.</summary>
    public string? StateFile { get; init; }

    /// <summary>DestinationFolder when an item gives none: a full path.</summary>
    public required string DefaultDestinationFolder { get; init; }
}

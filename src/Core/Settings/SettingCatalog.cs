using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Settings;

/// <summary>
/// Every setting a user can give (SPEC §3), with its default and range, in one place.
/// build/Fetch.Build.props documents the same defaults and build/Fetch.Build.targets passes every
/// property to the task; SettingCatalogTests pins all three together.
/// </summary>
internal static class SettingCatalog
{
    public static readonly SettingDefinition CacheDirectory =
        SettingDefinition.Text("FetchCacheDirectory", "FETCH_BUILD_CACHE", static (s, v) => s with { CacheDirectory = v ?? string.Empty });

    public static readonly SettingDefinition Offline =
        SettingDefinition.Flag("FetchOffline", "FETCH_BUILD_OFFLINE", false, static (s, v) => s with { Offline = v });

    public static readonly SettingDefinition RequireHash =
        SettingDefinition.Flag("FetchRequireHash", null, false, static (s, v) => s with { RequireHash = v });

    public static readonly SettingDefinition MaxParallelDownloads =
        SettingDefinition.Number("FetchMaxParallelDownloads", null, 4, 1, 64, static (s, v) => s with { MaxParallelDownloads = (int)v });

    public static readonly SettingDefinition RetryCount =
        SettingDefinition.Number("FetchRetryCount", null, 5, 0, 100, static (s, v) => s with { RetryCount = (int)v });

    public static readonly SettingDefinition TimeoutSeconds =
        SettingDefinition.Number("FetchTimeoutSeconds", null, 60, 1, 86_400, static (s, v) => s with { Timeout = TimeSpan.FromSeconds(v) });

    public static readonly SettingDefinition MaxRetryDelaySeconds =
        SettingDefinition.Number("FetchMaxRetryDelaySeconds", null, 120, 0, 86_400, static (s, v) => s with { MaxRetryDelay = TimeSpan.FromSeconds(v) });

    public static readonly SettingDefinition MaxExtractedBytes =
        SettingDefinition.Number("FetchMaxExtractedBytes", null, 16L * 1024 * 1024 * 1024, 1, long.MaxValue, static (s, v) => s with { MaxExtractedBytes = v });

    public static readonly SettingDefinition LinkMode =
        SettingDefinition.Choice("FetchLinkMode", null, [nameof(Requests.LinkMode.Copy), nameof(Requests.LinkMode.HardLink)],
            static (s, v) => s with { LinkMode = v == nameof(Requests.LinkMode.HardLink) ? Requests.LinkMode.HardLink : Requests.LinkMode.Copy });

    /// <summary>Connections to one host at once in a build, ranged segments of a file included (SPEC §10).</summary>
    public static readonly SettingDefinition MaxConnectionsPerHost =
        SettingDefinition.Number("FetchMaxConnectionsPerHost", null, 6, 1, 256, static (s, v) => s with { MaxConnectionsPerHost = (int)v });

    /// <summary>False: a file never comes over more than one connection.</summary>
    public static readonly SettingDefinition SegmentedDownloads =
        SettingDefinition.Flag("FetchSegmentedDownloads", null, true, static (s, v) => s with { SegmentedDownloads = v });

    // The lock file (SPEC §7). A relative path is resolved against the project folder by the parser.
    public static readonly SettingDefinition UseLockFile =
        SettingDefinition.Flag("FetchUseLockFile", null, false, static (s, v) => s with { UseLockFile = v });

    public static readonly SettingDefinition LockFilePath =
        SettingDefinition.Text("FetchLockFilePath", null, static (s, v) => s with { LockFilePath = v ?? Pinning.LockFileDefaults.FileName });

    public static readonly SettingDefinition LockedMode =
        SettingDefinition.Flag("FetchLockedMode", "FETCH_BUILD_LOCKED_MODE", false, static (s, v) => s with { LockedMode = v });
    // SPEC §9: a content store shared by a CI fleet, and URL rewrite rules.
    public static readonly SettingDefinition RemoteCache =
        SettingDefinition.Url("FetchRemoteCache", "FETCH_BUILD_REMOTE_CACHE", static (s, v) => s with { RemoteCache = v });

    public static readonly SettingDefinition RemoteCacheUpload =
        SettingDefinition.Flag("FetchRemoteCacheUpload", "FETCH_BUILD_REMOTE_CACHE_UPLOAD", false, static (s, v) => s with { RemoteCacheUpload = v });

    public static readonly SettingDefinition RemoteCacheTokenVariable =
        SettingDefinition.Text("FetchRemoteCacheTokenVariable", null, static (s, v) => s with { RemoteCacheTokenVariable = v });

    public static readonly SettingDefinition UrlRewriteFile =
        SettingDefinition.Text("FetchUrlRewriteFile", "FETCH_BUILD_URL_REWRITES", static (s, v) => s with { UrlRewriteFile = v });
    public static readonly SettingDefinition CacheMaxSize =
        SettingDefinition.Size("FetchCacheMaxSize", "FETCH_BUILD_CACHE_MAX_SIZE", static (s, v) => s with { CacheMaxSize = v < 0 ? null : v });

    /// <summary>In the order the parser applies them and the documentation lists them.</summary>
    public static readonly IReadOnlyList<SettingDefinition> All =
    [
        CacheDirectory, Offline, RequireHash, MaxParallelDownloads, RetryCount, TimeoutSeconds, MaxRetryDelaySeconds, MaxExtractedBytes, LinkMode,
        MaxConnectionsPerHost, SegmentedDownloads,
        UseLockFile, LockFilePath, LockedMode,
        RemoteCache, RemoteCacheUpload, RemoteCacheTokenVariable, UrlRewriteFile,
        CacheMaxSize,
    ];

    /// <summary>Settings with every default applied, for callers that start from typed options (tests, the library).</summary>
    public static FetchSettings Defaults(string cacheDirectory, string projectDirectory)
    {
        var settings = new FetchSettings { CacheDirectory = cacheDirectory, ProjectDirectory = projectDirectory, DefaultDestinationFolder = projectDirectory };
        foreach (var setting in All)
        {
            if (setting != CacheDirectory)
            {
                settings = setting.Apply(settings, null, out _);
            }
        }

        return settings with { LockFilePath = Path.Combine(projectDirectory, settings.LockFilePath) };
    }
}

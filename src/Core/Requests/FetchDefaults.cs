namespace Fetch.Build.Core.Requests;

/// <summary>
/// Every option's default, in one place. build/Fetch.Build.props documents the same values;
/// an end-to-end test reads them back.
/// </summary>
public static class FetchDefaults
{
    public const int MaxParallelDownloads = 4;
    public const int RetryCount = 5;
    public const int TimeoutSeconds = 60;
    public const int MaxRetryDelaySeconds = 120;
    public const long MaxExtractedBytes = 16L * 1024 * 1024 * 1024;
    public const int MaxArchiveEntries = 1_000_000;
    public const int MaxRedirects = 10;
    public const string CacheFolderName = "fetch-build";
    public const string CacheDirectoryVariable = "FETCH_BUILD_CACHE";
    public const string OfflineVariable = "FETCH_BUILD_OFFLINE";
}

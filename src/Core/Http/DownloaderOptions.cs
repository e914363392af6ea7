using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Http;

internal sealed record DownloaderOptions(
    int RetryCount,
    TimeSpan InactivityTimeout,
    TimeSpan MaxRetryDelay,
    int MaxRedirects = FetchDefaults.MaxRedirects);

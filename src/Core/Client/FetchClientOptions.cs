namespace Fetch.Build.Core.Client;

/// <summary>
/// How a <see cref="FetchClient"/> fetches. Every option left null is resolved exactly as the
/// build resolves it: its environment variable (<c>FETCH_BUILD_CACHE</c>, <c>FETCH_BUILD_OFFLINE</c>),
/// else the same default the build uses, so a program and a build on one machine share one cache.
/// </summary>
public sealed class FetchClientOptions
{
    /// <summary>
    /// The cache folder shared with every build and program on the machine. Null: the
    /// <c>FETCH_BUILD_CACHE</c> variable, else the user cache folder (<c>~/.cache/fetch-build</c> on Linux).
    /// A relative path is resolved against the current directory.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>True: never use the network; content not in the cache fails with FB1003. Null: <c>FETCH_BUILD_OFFLINE</c>, else false.</summary>
    public bool? Offline { get; init; }

    /// <summary>Retries of a failed transfer (0–100). Null: the build's default (5).</summary>
    public int? RetryCount { get; init; }

    /// <summary>
    /// A transfer that receives less than 1 KiB in this long is stalled and retried (the build's
    /// <c>FetchTimeoutSeconds</c>): whole seconds, rounded up, from 1 s to a day. Null: the build's default (60 s).
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>True: content without an expected digest fails (FB1005) instead of being used. Null: false.</summary>
    public bool? RequireHash { get; init; }
}

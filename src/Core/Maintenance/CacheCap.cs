using System.Globalization;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Pipeline;

namespace Fetch.Build.Core.Maintenance;

/// <summary>
/// <c>FetchCacheMaxSize</c> (SPEC §8): after a build that added content to the cache, the least
/// recently used content beyond the cap is removed — never what that build used, nor what another
/// running build holds — and the build says so in one line.
/// </summary>
internal static class CacheCap
{
    public static void Trim(CacheContext cache, long maxSize, IReadOnlyCollection<string> used, IFetchLog log, DateTimeOffset now)
    {
        var stored = cache.Registry.StoredBytes();
        if (stored <= maxSize)
        {
            return;
        }

        var report = CachePruner.Prune(cache, new PruneOptions { MaxSize = maxSize, Keep = used, Leftovers = false }, now);
        var removed = report.Removed.Count;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Fetch.Build: the cache held {ByteSize.Format(stored)}, more than FetchCacheMaxSize ({ByteSize.Format(maxSize)}); " +
            $"removed {removed} least recently used item(s), {ByteSize.Format(report.Freed)} freed, {ByteSize.Format(report.StoredAfter)} left");
        log.Message(report.StoredAfter > maxSize
            ? text + " (the rest is content this build or another running build uses)."
            : text + ".", important: true);
    }
}

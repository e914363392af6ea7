using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Pipeline;

namespace Fetch.Build.Core.Maintenance;

/// <summary>
/// Removes content from the cache (the tool's <c>cache prune</c> and <c>cache clean</c>, and the size
/// cap after a build). Decides first — which content, least recently used first — then acts, each
/// under the content's exclusive hold taken without waiting: content a running build holds (it holds
/// what it finds, stores or places, <see cref="CacheLayout.ContentLockPath"/>) is skipped, and so is
/// content used since the decision. Rows go before the file, so an interrupted removal leaves at
/// worst a blob nothing names, which the next prune sweeps; a build that found the content just
/// before the removal looks again under its hold and fetches it anew. Placed files are never touched.
/// </summary>
internal static class CachePruner
{
    public static PruneReport Prune(CacheContext cache, PruneOptions options, DateTimeOffset now)
    {
        var stored = cache.Registry.ListStored();
        var before = stored.Sum(s => s.Size);
        var removed = new List<RemovedItem>();
        var inUse = 0;
        foreach (var content in Choose(stored, before, options, now))
        {
            if (!RemoveContent(cache, content, options.DryRun, removed))
            {
                inUse++;
            }
        }

        if (options.Leftovers)
        {
            LeftoverSweep.Run(cache, options, now, removed);
        }

        var after = options.DryRun ? before - removed.Where(r => r.Kind == RemovedItem.Content).Sum(r => r.Size) : cache.Registry.StoredBytes();
        return new PruneReport(removed, inUse, before, after);
    }

    /// <summary>The content to remove, in the order to remove it: least recently used first.</summary>
    private static List<StoredContent> Choose(IReadOnlyList<StoredContent> stored, long total, PruneOptions options, DateTimeOffset now)
    {
        var keep = new HashSet<string>(options.Keep, StringComparer.Ordinal);
        var unusedSince = options.UnusedFor is { } age ? (now - age).ToUnixTimeSeconds() : long.MinValue;
        var chosen = new List<StoredContent>();
        foreach (var content in stored)
        {
            if (keep.Contains(content.Sha256))
            {
                continue;
            }

            if (options.Everything || content.LastUsed < unusedSince || (options.MaxSize is { } max && total > max))
            {
                chosen.Add(content);
                total -= content.Size;
            }
        }

        return chosen;
    }

    /// <summary>Removes one content unless a build holds it or used it since it was chosen; false then.</summary>
    private static bool RemoveContent(CacheContext cache, StoredContent content, bool dryRun, List<RemovedItem> removed)
    {
        using var exclusive = CacheLock.TryAcquire(cache.Layout.ContentLockPath(content.Sha256));
        if (exclusive is null || cache.Registry.LastUsedOf(content.Sha256) != content.LastUsed)
        {
            return false;
        }

        removed.Add(new RemovedItem(RemovedItem.Content, content.Url ?? content.Sha256, content.Size));
        if (dryRun)
        {
            return true;
        }

        var trees = cache.Registry.RemoveContent(content.Sha256);
        cache.Store.Delete(content.Sha256);
        foreach (var tree in trees)
        {
            // What was extracted from it goes with it; a project's links to those files stay whole.
            KeptTrees.TryRemove(cache.Layout, tree, dryRun, removed);
        }

        return true;
    }
}

using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Pipeline;

namespace Fetch.Build.Core.Maintenance;

/// <summary>
/// What a prune sweeps besides content: rows that hold nothing (failed and dropped URL rows, WRITE
/// rows of dead downloads, rows whose blob is gone), blobs no row names (a build killed between
/// storing a blob and recording it), kept trees and tree file lists no placement uses, and the
/// stale partials and temp files of <see cref="StaleFiles"/>. Each under the lock a build would
/// hold for it, taken without waiting.
/// </summary>
internal static class LeftoverSweep
{
    public static void Run(CacheContext cache, PruneOptions options, DateTimeOffset now, List<RemovedItem> removed)
    {
        var dry = options.DryRun;
        SweepRows(cache, dry, removed);
        SweepOrphanBlobs(cache, options, now, removed);
        SweepTrees(cache, options, now, removed);
        StaleFiles.Sweep(cache.Layout, now, options.Everything ? TimeSpan.Zero : StaleFiles.MaxAge, removed, dry);
    }

    private static void SweepRows(CacheContext cache, bool dry, List<RemovedItem> removed)
    {
        foreach (var stored in cache.Registry.ListStored())
        {
            if (cache.Store.SizeOf(stored.Sha256) is not null)
            {
                continue;
            }

            // A row whose blob is gone: only under the exclusive hold, where no build is storing it.
            using var exclusive = CacheLock.TryAcquire(cache.Layout.ContentLockPath(stored.Sha256));
            if (exclusive is not null && cache.Store.SizeOf(stored.Sha256) is null)
            {
                removed.Add(new RemovedItem(RemovedItem.Row, (stored.Url ?? stored.Sha256) + " (its file is missing)", 0));
                if (!dry)
                {
                    cache.Registry.RemoveContent(stored.Sha256);
                }
            }
        }

        foreach (var entry in cache.Registry.ListUnready())
        {
            // A WRITE row is a running download while its URL lock is held; a dead build's otherwise.
            using var free = entry.Status == EntryStatus.Write ? CacheLock.TryAcquire(cache.Layout.LockPath("url-" + entry.UrlKey)) : null;
            if (entry.Status == EntryStatus.Write && free is null)
            {
                continue;
            }

            removed.Add(new RemovedItem(RemovedItem.Row, $"{entry.MaskedUrl} ({entry.Status.ToLowerInvariant()})", 0));
            if (!dry)
            {
                cache.Registry.RemoveEntry(entry.UrlKey);
            }
        }

        if (!dry)
        {
            cache.Registry.RemoveDanglingRows();
        }
    }

    /// <summary>
    /// Blobs no row names. A build holds content from before its blob exists until it is recorded,
    /// so under the exclusive hold a blob without a row is nobody's; one a day old, for a plain prune,
    /// also spares content another Fetch.Build version (another registry) stored moments ago.
    /// </summary>
    private static void SweepOrphanBlobs(CacheContext cache, PruneOptions options, DateTimeOffset now, List<RemovedItem> removed)
    {
        var known = new HashSet<string>(cache.Registry.ListStored().Select(s => s.Sha256), StringComparer.Ordinal);
        var cutoff = options.Everything ? DateTime.MaxValue : (now - StaleFiles.MaxAge).UtcDateTime;
        foreach (var (sha256, size) in cache.Store.Enumerate().ToList())
        {
            if (known.Contains(sha256) || File.GetLastWriteTimeUtc(cache.Store.PathOf(sha256)) >= cutoff)
            {
                continue;
            }

            using var exclusive = CacheLock.TryAcquire(cache.Layout.ContentLockPath(sha256));
            if (exclusive is not null && !cache.Registry.HasBlob(sha256))
            {
                removed.Add(new RemovedItem(RemovedItem.OrphanBlob, sha256, size));
                if (!options.DryRun)
                {
                    cache.Store.Delete(sha256);
                }
            }
        }
    }

    /// <summary>Kept trees no placement uses, and file lists neither a placement nor a tree row names (a day old).</summary>
    private static void SweepTrees(CacheContext cache, PruneOptions options, DateTimeOffset now, List<RemovedItem> removed)
    {
        var inUse = options.Everything ? new HashSet<string>() : cache.Registry.TreesInUse();
        var known = options.Everything ? new HashSet<string>() : cache.Registry.KnownTrees();
        var cutoff = options.Everything ? DateTime.MaxValue : (now - StaleFiles.MaxAge).UtcDateTime;
        var folder = new DirectoryInfo(cache.Layout.TreeFolder);
        if (!folder.Exists)
        {
            return;
        }

        foreach (var entry in folder.EnumerateFileSystemInfos().ToList())
        {
            if (entry is DirectoryInfo && !entry.Name.StartsWith('.') && !inUse.Contains(entry.Name))
            {
                KeptTrees.TryRemove(cache.Layout, entry.Name, options.DryRun, removed);
            }
            else if (entry is FileInfo list && list.Name.EndsWith(".files", StringComparison.Ordinal) && list.LastWriteTimeUtc < cutoff)
            {
                var key = list.Name[..^".files".Length];
                if (!inUse.Contains(key) && !known.Contains(key))
                {
                    removed.Add(new RemovedItem(RemovedItem.FileList, Path.GetRelativePath(cache.Layout.Root, list.FullName), list.Length));
                    if (!options.DryRun)
                    {
                        list.Delete();
                    }
                }
            }
        }
    }
}

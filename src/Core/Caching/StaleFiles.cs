using Fetch.Build.Core.Maintenance;

namespace Fetch.Build.Core.Caching;

/// <summary>
/// Leftovers nothing will finish: partial downloads of artifacts no build asked for again, temp
/// folders of killed extractions, temp files of killed writes (<c>*.tmp</c>: a seeded registry, a
/// tree's file list), <c>tmp/</c>, and registries moved aside as unreadable. Swept when a build opens
/// the cache to fetch (never on the no-op path), with one listing per folder, and by the tool's
/// prune and clean. A partial whose download is running (its URL lock is held) and a temp folder
/// whose tree is being extracted (its tree lock is held) are left alone, however old.
/// </summary>
internal static class StaleFiles
{
    /// <summary>Old enough that no build is coming back for it: a resume a day later starts over.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    /// <summary>Deletes what is older than <see cref="MaxAge"/>; returns the bytes freed.</summary>
    public static long Sweep(CacheLayout layout, DateTimeOffset now) => Sweep(layout, now, MaxAge, removed: null, dryRun: false);

    /// <summary>
    /// Deletes lock-guarded leftovers (partials, extraction temps) older than <paramref name="guardedAge"/>
    /// whose lock is free, and the others older than <see cref="MaxAge"/>; each is added to
    /// <paramref name="removed"/>. Returns the bytes freed. <paramref name="dryRun"/>: only says what it would delete.
    /// </summary>
    public static long Sweep(CacheLayout layout, DateTimeOffset now, TimeSpan guardedAge, ICollection<RemovedItem>? removed, bool dryRun)
    {
        var guardedCutoff = (now - guardedAge).UtcDateTime;
        var cutoff = (now - MaxAge).UtcDateTime;
        long freed = 0;
        void Removed(string kind, FileSystemInfo entry, long size)
        {
            freed += size;
            removed?.Add(new RemovedItem(kind, Path.GetRelativePath(layout.Root, entry.FullName), size));
        }

        foreach (var file in List(layout.PartialFolder))
        {
            // "<urlkey>.part", its resume state "<urlkey>.part.meta" and that state's temp share the URL's lock.
            if (file is FileInfo partial && partial.LastWriteTimeUtc < guardedCutoff && TryDelete(partial, dryRun, layout.LockPath("url-" + partial.Name.Split('.')[0])) is { } size)
            {
                Removed(RemovedItem.Partial, partial, size);
            }
        }

        foreach (var entry in List(layout.TreeFolder))
        {
            // ".<key>.<id>.fetch-tmp": a kept tree being extracted under its tree lock.
            if (entry is DirectoryInfo temp && temp.Name.EndsWith(".fetch-tmp", StringComparison.Ordinal) && temp.LastWriteTimeUtc < guardedCutoff &&
                TryDelete(temp, dryRun, layout.LockPath("tree-" + temp.Name.TrimStart('.').Split('.')[0])) is { } size)
            {
                Removed(RemovedItem.Temporary, temp, size);
            }
            else if (entry is FileInfo { Name: var name } file && name.EndsWith(".tmp", StringComparison.Ordinal) && file.LastWriteTimeUtc < cutoff && TryDelete(file, dryRun, null) is { } tmpSize)
            {
                Removed(RemovedItem.Temporary, file, tmpSize);
            }
        }

        foreach (var entry in List(layout.Root))
        {
            if (entry is FileInfo file && IsRootLeftover(file.Name) && file.LastWriteTimeUtc < cutoff && TryDelete(file, dryRun, null) is { } size)
            {
                Removed(RemovedItem.Temporary, file, size);
            }
        }

        foreach (var entry in List(layout.TempFolder))
        {
            if (entry.LastWriteTimeUtc < cutoff && TryDelete(entry, dryRun, null) is { } size)
            {
                Removed(RemovedItem.Temporary, entry, size);
            }
        }

        return freed;
    }

    /// <summary>A registry seed's temp copy, or a registry moved aside as unreadable (with its -wal and -shm).</summary>
    private static bool IsRootLeftover(string name) =>
        name.StartsWith("registry", StringComparison.Ordinal) && (name.EndsWith(".tmp", StringComparison.Ordinal) || name.Contains(".corrupt-", StringComparison.Ordinal));

    private static List<FileSystemInfo> List(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).EnumerateFileSystemInfos().ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Deletes the file or folder unless <paramref name="lockPath"/> is held; returns the bytes freed, or null.</summary>
    private static long? TryDelete(FileSystemInfo entry, bool dryRun, string? lockPath)
    {
        using var free = lockPath is null ? null : CacheLock.TryAcquire(lockPath);
        if (lockPath is not null && free is null)
        {
            return null;
        }

        try
        {
            if (entry is DirectoryInfo folder)
            {
                var size = folder.EnumerateFiles("*", Placement.TreeFolders.NotThroughLinks).Sum(f => f.Length);
                if (!dryRun)
                {
                    Placement.TreeFolders.Delete(folder.FullName);
                }

                return size;
            }

            var length = ((FileInfo)entry).Length;
            if (!dryRun)
            {
                entry.Delete();
            }

            return length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

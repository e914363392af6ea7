namespace Fetch.Build.Core.Caching;

/// <summary>
/// Leftovers nothing will finish: partial downloads of artifacts no build asked for again, and
/// temp folders of killed extractions. Swept when a build opens the cache to fetch (never on the
/// no-op path), with one listing per folder; a partial whose download is running (its URL lock is
/// held) is left alone, however old.
/// </summary>
internal static class StaleFiles
{
    /// <summary>Old enough that no build is coming back for it: a resume a day later starts over.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    /// <summary>Deletes what is older than <see cref="MaxAge"/>; returns the bytes freed.</summary>
    public static long Sweep(CacheLayout layout, DateTimeOffset now)
    {
        var cutoff = (now - MaxAge).UtcDateTime;
        long freed = 0;
        foreach (var file in List(layout.PartialFolder))
        {
            if (file is FileInfo partial && partial.LastWriteTimeUtc < cutoff)
            {
                var size = partial.Length;
                if (TryDeletePartial(layout, partial))
                {
                    freed += size;
                }
            }
        }

        foreach (var entry in List(layout.TreeFolder))
        {
            if (entry is DirectoryInfo temp && temp.Name.EndsWith(".fetch-tmp", StringComparison.Ordinal) && temp.LastWriteTimeUtc < cutoff)
            {
                freed += TryDeleteFolder(temp);
            }
        }

        return freed;
    }

    private static IEnumerable<FileSystemInfo> List(string folder)
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

    private static bool TryDeletePartial(CacheLayout layout, FileInfo partial)
    {
        // "<urlkey>.part" and its resume state "<urlkey>.part.meta" share the URL's lock.
        var key = partial.Name.Split('.')[0];
        using var free = CacheLock.TryAcquire(layout.LockPath("url-" + key));
        if (free is null)
        {
            return false;
        }

        try
        {
            partial.Delete();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long TryDeleteFolder(DirectoryInfo folder)
    {
        try
        {
            var size = folder.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            Placement.TreeFolders.Delete(folder.FullName);
            return size;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}

using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Pipeline;

/// <summary>The open cache of one run: layout, store and registry together.</summary>
internal sealed class CacheContext : IDisposable
{
    public CacheContext(CacheLayout layout, ContentStore store, CacheRegistry registry)
    {
        Layout = layout;
        Store = store;
        Registry = registry;
    }

    public CacheLayout Layout { get; }

    public ContentStore Store { get; }

    public CacheRegistry Registry { get; }

    public Task<CacheLock> LockAsync(string key, CancellationToken cancellationToken) =>
        CacheLock.AcquireAsync(Layout.LockPath(key), cancellationToken);

    /// <summary>Holds stored content against removal while this build finds, stores or places it.</summary>
    public Task<CacheLock> HoldContentAsync(string sha256, CancellationToken cancellationToken) =>
        CacheLock.AcquireSharedAsync(Layout.ContentLockPath(sha256), cancellationToken);

    public void Dispose() => Registry.Dispose();

    /// <summary>
    /// Opens (creating if need be) the cache in <paramref name="folder"/>, for a run or the tool; null
    /// when it cannot be used, with the coded error (FB1007) reported to <paramref name="log"/>.
    /// </summary>
    public static CacheContext? Open(string folder, IFetchLog log, TimeProvider time)
    {
        var layout = new CacheLayout(folder);
        try
        {
            layout.EnsureFolders();
            var store = new ContentStore(layout);
            var registry = CacheRegistry.Open(layout, store, time,
                warning => log.Report(new FetchDiagnostic(DiagnosticCatalog.CorruptCacheEntryCode, FetchSeverity.Warning, warning)));
            return new CacheContext(layout, store, registry);
        }
        catch (FetchException ex)
        {
            // A registry this version must not write (one claiming a newer schema).
            log.Report(ex.Diagnostic);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            log.Report(DiagnosticCatalog.CacheUnusable("the cache", folder, ex.Message));
            return null;
        }
    }
}

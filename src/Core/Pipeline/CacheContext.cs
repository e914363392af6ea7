using Fetch.Build.Core.Caching;

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

    public void Dispose() => Registry.Dispose();
}

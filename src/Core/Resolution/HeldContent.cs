using Fetch.Build.Core.Caching;

namespace Fetch.Build.Core.Resolution;

/// <summary>
/// Stored content and the shared hold on it (<see cref="CacheLayout.ContentLockPath"/>): while the
/// build holds it, no prune, verify or size cap removes the blob. Disposed once the content is placed.
/// </summary>
internal sealed class HeldContent : IDisposable
{
    private readonly CacheLock _hold;

    public HeldContent(ResolvedContent content, CacheLock hold)
    {
        Content = content;
        _hold = hold;
    }

    public ResolvedContent Content { get; }

    public void Dispose() => _hold.Dispose();
}

using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Resolution;

/// <summary>
/// The local cache, the first place an artifact's bytes are looked for. A known SHA-256 is a path
/// (one stat); other digests, and artifacts nothing pins, go through the registry (one indexed query).
/// </summary>
internal sealed class CachedContent
{
    private readonly CacheContext _cache;

    public CachedContent(CacheContext cache)
    {
        _cache = cache;
    }

    /// <summary>
    /// Content already stored for this artifact, held against removal, or null. The blob is looked
    /// at under its hold: content a prune removed between the registry's answer and the hold is a
    /// quiet miss, and only a blob that vanished while its rows stayed is reported (FB1009). A hit
    /// counts as a use of the content ("last used", SPEC §8).
    /// </summary>
    public async Task<HeldContent?> FindAsync(ArtifactRequest request, PinnedDigests? pinned, string urlKey, IFetchLog log, CancellationToken cancellationToken)
    {
        var sha256 = pinned is not null ? FindByDigests(pinned.Digests) : _cache.Registry.FindByUrl(urlKey);
        if (sha256 is null || (pinned is not null && !IsSameFile(request, urlKey, sha256, log)))
        {
            return null;
        }

        var hold = await _cache.HoldContentAsync(sha256, cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cache.Store.SizeOf(sha256) is { } size)
            {
                if (pinned is not null)
                {
                    HealAbandonedEntry(request, urlKey, sha256, size, log);
                }

                _cache.Registry.RecordUse(sha256, urlKey);
                // Content of an unpinned URL that a host's digest verified when it was cached is pinned all the same.
                var publishedBy = pinned is null ? _cache.Registry.PinnedByOf(urlKey) : null;
                return new HeldContent(new ResolvedContent(sha256, size, 0) { PinnedBy = pinned?.Origin ?? publishedBy, Published = publishedBy is not null }, hold);
            }

            var removed = pinned is null ? _cache.Registry.FindByUrl(urlKey) != sha256 : !_cache.Registry.HasBlob(sha256);
            if (!removed && (pinned is null || pinned.Digests.Any(d => d.Algorithm != DigestAlgorithm.Sha256)))
            {
                // The registry still promises content the store no longer has.
                log.Report(DiagnosticCatalog.CorruptCacheEntry(request.MaskedUrl, _cache.Store.PathOf(sha256)));
                _cache.Registry.ForgetBlob(sha256);
            }

            hold.Dispose();
            return null;
        }
        catch
        {
            hold.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Content found by digest serves this item when it came from this URL, or from a URL with the
    /// same file name: the same file moved, or a mirror. An item copied from another and left with
    /// its digest names another file: it is fetched from its own URL, so that FB1001 tells the
    /// truth instead of the cache serving the other file's bytes. Content with no known URL (a
    /// rebuilt registry) is vouched for by its digest alone.
    /// </summary>
    private bool IsSameFile(ArtifactRequest request, string urlKey, string sha256, IFetchLog log)
    {
        if (_cache.Registry.FindByUrl(urlKey) == sha256)
        {
            return true;
        }

        var urls = _cache.Registry.ReadyUrlsOf(sha256);
        if (urls.Count == 0)
        {
            return true;
        }

        foreach (var source in request.Sources)
        {
            var name = FileNames.FromUrl(source);
            foreach (var url in urls)
            {
                if (Uri.TryCreate(url, UriKind.Absolute, out var cached) && string.Equals(FileNames.FromUrl(cached), name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        log.Message($"Fetch.Build: {request.MaskedUrl}: the cache holds content with this digest, but from '{urls[0]}', another file; fetching from the item's own URL.", important: false);
        return false;
    }

    /// <summary>The stored content every digest points to; null if any is unknown or they disagree.</summary>
    private string? FindByDigests(IReadOnlyList<ExpectedDigest> digests)
    {
        var found = digests.Select(_cache.Registry.FindByDigest).Distinct().ToList();
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>
    /// A build killed after storing content but before marking its URL READY leaves a WRITE row.
    /// When the URL's lock is free its owner is gone; the pinned digest proves the content, so finish the row.
    /// </summary>
    private void HealAbandonedEntry(ArtifactRequest request, string urlKey, string sha256, long size, IFetchLog log)
    {
        if (_cache.Registry.StatusOf(urlKey) != EntryStatus.Write)
        {
            return;
        }

        using var free = CacheLock.TryAcquire(_cache.Layout.LockPath("url-" + urlKey));
        if (free is not null)
        {
            log.Message($"Fetch.Build: {request.MaskedUrl}: finished the cache record an interrupted build left behind.", important: false);
            // The same order as a download's commit: the blob's row before the URL's row goes READY.
            _cache.Registry.EnsureBlob(sha256, size);
            _cache.Registry.CompleteWrite(urlKey, sha256, size, null, null);
        }
    }
}

using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// Makes an artifact's bytes present and verified in the content store: from the store when a
/// declared digest or the URL is known, else by downloading under a machine-wide lock.
/// </summary>
internal sealed class ContentResolver
{
    private readonly CacheContext _cache;
    private readonly Lazy<Downloader> _downloader;
    private readonly FetchSettings _settings;
    private readonly IFetchLog _log;
    private readonly Func<string, string?> _environment;
    private readonly Lazy<ZenodoChecksums> _zenodo;

    public ContentResolver(CacheContext cache, Lazy<Downloader> downloader, Lazy<ZenodoChecksums> zenodo, FetchSettings settings, IFetchLog log, Func<string, string?> environment)
    {
        _zenodo = zenodo;
        _cache = cache;
        _downloader = downloader;
        _settings = settings;
        _log = log;
        _environment = environment;
    }

    /// <summary>Content already stored for this request, or null. A stat or two and one indexed query.</summary>
    public ResolvedContent? FindStored(ArtifactRequest request, string urlKey)
    {
        var sha256 = request.Digests.Count > 0 ? FindByDigests(request.Digests) : _cache.Registry.FindByUrl(urlKey);
        if (sha256 is null)
        {
            return null;
        }

        if (_cache.Store.SizeOf(sha256) is { } size)
        {
            if (request.Digests.Count > 0)
            {
                HealAbandonedEntry(request, urlKey, sha256, size);
            }

            return new ResolvedContent(sha256, size, 0);
        }

        if (request.Digests.Count == 0 || request.Digests.Any(d => d.Algorithm != DigestAlgorithm.Sha256))
        {
            // The registry promised content the store no longer has.
            _log.Report(DiagnosticCatalog.CorruptCacheEntry(request.MaskedUrl, _cache.Store.PathOf(sha256)));
            _cache.Registry.ForgetBlob(sha256);
        }

        return null;
    }

    /// <summary>
    /// A build killed after storing content but before marking its URL READY leaves a WRITE row.
    /// When the URL's lock is free its owner is gone; the declared digest proves the content, so finish the row.
    /// </summary>
    private void HealAbandonedEntry(ArtifactRequest request, string urlKey, string sha256, long size)
    {
        if (_cache.Registry.StatusOf(urlKey) != EntryStatus.Write)
        {
            return;
        }

        using var free = CacheLock.TryAcquire(_cache.Layout.LockPath("url-" + urlKey));
        if (free is not null)
        {
            _log.Message($"Fetch.Build: {request.MaskedUrl}: finished the cache record an interrupted build left behind.", important: false);
            _cache.Registry.CompleteWrite(urlKey, sha256, size, null, null);
        }
    }

    /// <summary>The stored content every declared digest points to; null if any is unknown or they disagree.</summary>
    private string? FindByDigests(IReadOnlyList<ExpectedDigest> digests)
    {
        var found = digests.Select(_cache.Registry.FindByDigest).Distinct().ToList();
        return found.Count == 1 ? found[0] : null;
    }

    public async Task<ResolvedContent> ResolveAsync(ArtifactRequest request, string urlKey, CancellationToken cancellationToken)
    {
        if (FindStored(request, urlKey) is { } stored)
        {
            return stored;
        }

        if (_settings.Offline)
        {
            throw new FetchException(DiagnosticCatalog.OfflineMiss(request.MaskedUrl));
        }

        using var held = await _cache.LockAsync("url-" + urlKey, cancellationToken).ConfigureAwait(false);
        // Another build may have fetched it while we waited for the lock.
        if (FindStored(request, urlKey) is { } fetchedMeanwhile)
        {
            return fetchedMeanwhile;
        }

        return await DownloadAsync(request, urlKey, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ResolvedContent> DownloadAsync(ArtifactRequest request, string urlKey, CancellationToken cancellationToken)
    {
        var partial = _cache.Layout.PartialPath(urlKey);
        var token = request.BearerTokenVariable is { } variable ? _environment(variable) : null;
        var spec = new DownloadSpec(request.Sources, request.MaskedUrl, request.Headers, token, request.BearerTokenVariable);
        if (_cache.Registry.BeginWrite(urlKey, request.MaskedUrl))
        {
            _log.Message($"Fetch.Build: {request.MaskedUrl}: an earlier build died while fetching this; starting over from its partial download.", important: false);
        }

        var expected = request.Digests.Count > 0 ? request.Digests : await PublishedDigestsAsync(request, cancellationToken).ConfigureAwait(false);
        using var hasher = new ContentHasher(expected.Select(d => d.Algorithm));
        DownloadResult result;
        try
        {
            result = await _downloader.Value.DownloadAsync(spec, partial, hasher, cancellationToken).ConfigureAwait(false);
        }
        catch (FetchException)
        {
            _cache.Registry.FailWrite(urlKey);
            throw;
        }

        var digests = hasher.Finish();
        if (digests.FirstMismatch(expected) is { } wrong)
        {
            DeletePartial(partial);
            _cache.Registry.FailWrite(urlKey);
            throw new FetchException(DiagnosticCatalog.DigestMismatch(
                request.MaskedUrl, wrong.Algorithm.DisplayName(), wrong.Hex, digests.Get(wrong.Algorithm)!));
        }

        // Order matters for crash safety: blob renamed into place, then its row, then the URL's row READY.
        var blob = _cache.Store.Commit(partial, digests.Sha256);
        // The digests were computed from the bytes this process wrote: they vouch for the blob as it is now.
        var identity = FileIdentity.Of(blob);
        CrashPoints.Hit(CrashPoints.AfterBlobCommit);
        DeletePartial(partial);
        _cache.Registry.RecordBlob(digests, identity);
        CrashPoints.Hit(CrashPoints.AfterBlobRecord);
        _cache.Registry.CompleteWrite(urlKey, digests.Sha256, digests.Length, result.ETag, result.LastModified);
        return new ResolvedContent(digests.Sha256, digests.Length, result.TransferredBytes);
    }

    /// <summary>For an unpinned artifact, a digest its publisher lists (Zenodo records), to enforce all the same.</summary>
    private async Task<IReadOnlyList<ExpectedDigest>> PublishedDigestsAsync(ArtifactRequest request, CancellationToken cancellationToken)
    {
        if (await _zenodo.Value.LookupAsync(request.Sources[0], cancellationToken).ConfigureAwait(false) is not { } published)
        {
            return [];
        }

        _log.Message($"Fetch.Build: {request.MaskedUrl}: verifying against the {published.Algorithm.DisplayName()} the Zenodo record lists.", important: false);
        return [published];
    }

    private static void DeletePartial(string partial)
    {
        // The downloader may keep resume state beside the partial; neither is useful once settled.
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(partial)!, Path.GetFileName(partial) + "*"))
        {
            File.Delete(file);
        }
    }
}

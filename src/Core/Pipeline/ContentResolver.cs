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
    private readonly Downloader _downloader;
    private readonly FetchSettings _settings;
    private readonly IFetchLog _log;
    private readonly Func<string, string?> _environment;

    public ContentResolver(CacheContext cache, Downloader downloader, FetchSettings settings, IFetchLog log, Func<string, string?> environment)
    {
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
        using var hasher = new ContentHasher(request.Digests.Select(d => d.Algorithm));
        var result = await _downloader.DownloadAsync(spec, partial, hasher, cancellationToken).ConfigureAwait(false);
        var digests = hasher.Finish();
        if (digests.FirstMismatch(request.Digests) is { } wrong)
        {
            DeletePartial(partial);
            throw new FetchException(DiagnosticCatalog.DigestMismatch(
                request.MaskedUrl, wrong.Algorithm.DisplayName(), wrong.Hex, digests.Get(wrong.Algorithm)!));
        }

        _cache.Store.Commit(partial, digests.Sha256);
        DeletePartial(partial);
        _cache.Registry.RecordBlob(digests);
        _cache.Registry.RecordEntry(urlKey, request.MaskedUrl, digests.Sha256, digests.Length, result.ETag, result.LastModified);
        return new ResolvedContent(digests.Sha256, digests.Length, result.TransferredBytes);
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

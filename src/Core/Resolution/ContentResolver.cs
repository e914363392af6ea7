using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Sources;

namespace Fetch.Build.Core.Resolution;

/// <summary>
/// Makes an artifact's bytes present and verified in the content store. Decides first — what the
/// bytes must hash to (the local digest sources), whether the cache has them — and only then
/// acts: under a machine-wide lock for the URL, the remote digest sources and the content sources
/// are asked in order, the bytes verified, then committed.
/// </summary>
internal sealed class ContentResolver
{
    private readonly CacheContext _cache;
    private readonly CachedContent _cached;
    private readonly DigestSources _digests;
    private readonly IReadOnlyList<IContentSource> _sources;
    private readonly CredentialResolver _credentials;
    private readonly ContentCommitter _committer;
    private readonly bool _offline;

    public ContentResolver(CacheContext cache, DigestSources digests, IReadOnlyList<IContentSource> sources, CredentialResolver credentials, ContentCommitter committer, bool offline)
    {
        _cache = cache;
        _cached = new CachedContent(cache);
        _digests = digests;
        _sources = sources;
        _credentials = credentials;
        _committer = committer;
        _offline = offline;
    }

    /// <summary>The artifact's content in the store, held against removal until the caller has placed it.</summary>
    public async Task<HeldContent> ResolveAsync(ArtifactRequest request, string urlKey, IFetchLog log, CancellationToken cancellationToken)
    {
        var pinned = await _digests.FindLocalAsync(request, cancellationToken).ConfigureAwait(false);
        if (await _cached.FindAsync(request, pinned, urlKey, log, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return stored;
        }

        if (_offline)
        {
            throw new FetchException(DiagnosticCatalog.OfflineMiss(request.MaskedUrl));
        }

        using var held = await _cache.LockAsync("url-" + urlKey, cancellationToken).ConfigureAwait(false);
        // Another build may have fetched it while we waited for the lock.
        if (await _cached.FindAsync(request, pinned, urlKey, log, cancellationToken).ConfigureAwait(false) is { } fetchedMeanwhile)
        {
            return fetchedMeanwhile;
        }

        return await DownloadAsync(request, pinned, urlKey, log, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HeldContent> DownloadAsync(ArtifactRequest request, PinnedDigests? pinned, string urlKey, IFetchLog log, CancellationToken cancellationToken)
    {
        var partial = _cache.Layout.PartialPath(urlKey);
        if (_cache.Registry.BeginWrite(urlKey, request.MaskedUrl))
        {
            log.Message($"Fetch.Build: {request.MaskedUrl}: an earlier build died while fetching this; starting over from its partial download.", important: false);
        }

        var expected = pinned ?? await FindPublishedAsync(request, log, cancellationToken).ConfigureAwait(false);
        using var hasher = new ContentHasher(expected?.Digests.Select(d => d.Algorithm) ?? []);
        var query = new ContentQuery(request, expected, partial, hasher, _credentials.For(request));
        SourcedContent sourced;
        ContentDigests digests;
        try
        {
            sourced = await FetchAsync(query, cancellationToken).ConfigureAwait(false);
            digests = hasher.Finish();
            ContentVerifier.Verify(request, digests, expected);
        }
        catch (FetchException failure)
        {
            if (failure.Diagnostic.Code == DiagnosticCatalog.DigestMismatchCode)
            {
                // Wrong bytes are of no use to a resume.
                ContentCommitter.DeletePartial(partial);
            }

            _cache.Registry.FailWrite(urlKey);
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The network's failures arrive as FetchException; this one is the file system's (a full
            // or read-only disk). A partial is kept to resume a broken transfer, not to grow again
            // into a full disk on the next build: it goes, and the space with it.
            TryDeletePartial(partial);
            _cache.Registry.FailWrite(urlKey);
            throw;
        }

        // Held from before the blob exists until it is placed: a prune never sees it unheld in between.
        var hold = await _cache.HoldContentAsync(digests.Sha256, cancellationToken).ConfigureAwait(false);
        try
        {
            return new HeldContent(_committer.Commit(partial, digests, urlKey, sourced, webPage: expected is null && WebPages.IsUnexpected(sourced.MediaType, request.FileName)), hold);
        }
        catch
        {
            hold.Dispose();
            throw;
        }
    }

    private static void TryDeletePartial(string partial)
    {
        try
        {
            ContentCommitter.DeletePartial(partial);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The cache's sweep takes it once it is a day old.
        }
    }

    /// <summary>The content sources in order; the first that has the bytes gives them.</summary>
    private async Task<SourcedContent> FetchAsync(ContentQuery query, CancellationToken cancellationToken)
    {
        foreach (var source in _sources)
        {
            if (await source.FetchAsync(query, cancellationToken).ConfigureAwait(false) is { } sourced)
            {
                return sourced;
            }
        }

        throw new FetchException(DiagnosticCatalog.DownloadFailed(query.Request.MaskedUrl, "no source has the content"));
    }

    /// <summary>For an artifact nothing local pins, a digest its publisher lists, to enforce all the same.</summary>
    private async Task<PinnedDigests?> FindPublishedAsync(ArtifactRequest request, IFetchLog log, CancellationToken cancellationToken)
    {
        if (await _digests.FindRemoteAsync(request, cancellationToken).ConfigureAwait(false) is not { } published)
        {
            return null;
        }

        var names = string.Join(", ", published.Digests.Select(d => d.Algorithm.DisplayName()));
        log.Message($"Fetch.Build: {request.MaskedUrl}: verifying against the {names} {published.Origin}.", important: false);
        return published;
    }
}

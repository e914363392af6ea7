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
    private readonly IContentSink? _sink;

    /// <param name="sink">Where content verified against a digest known before its download is offered once committed (the remote store's upload); none when null.</param>
    public ContentResolver(CacheContext cache, DigestSources digests, IReadOnlyList<IContentSource> sources, CredentialResolver credentials, ContentCommitter committer, bool offline, IContentSink? sink = null)
    {
        _cache = cache;
        _cached = new CachedContent(cache);
        _digests = digests;
        _sources = sources;
        _credentials = credentials;
        _committer = committer;
        _offline = offline;
        _sink = sink;
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

        Downloaded downloaded;
        using (await _cache.LockAsync("url-" + urlKey, cancellationToken).ConfigureAwait(false))
        {
            // Another build may have fetched it while we waited for the lock.
            if (await _cached.FindAsync(request, pinned, urlKey, log, cancellationToken).ConfigureAwait(false) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            downloaded = await DownloadAsync(request, pinned, urlKey, log, cancellationToken).ConfigureAwait(false);
        }

        // Outside the URL's lock: builds waiting for this content need not wait for an upload too.
        // The content stays held, so no prune removes the blob the upload reads.
        if (downloaded.Offer is { } offer)
        {
            try
            {
                await _sink!.OfferAsync(offer, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                downloaded.Held.Dispose();
                throw;
            }
        }

        return downloaded.Held;
    }

    private async Task<Downloaded> DownloadAsync(ArtifactRequest request, PinnedDigests? pinned, string urlKey, IFetchLog log, CancellationToken cancellationToken)
    {
        // Decided before anything is written: a netrc file that cannot be used stops here (FB1006).
        var credentials = _credentials.For(request);
        var partial = _cache.Layout.PartialPath(urlKey);
        if (_cache.Registry.BeginWrite(urlKey, request.MaskedUrl))
        {
            log.Message($"Fetch.Build: {request.MaskedUrl}: an earlier build died while fetching this; starting over from its partial download.", important: false);
        }

        var published = pinned is null ? await FindPublishedAsync(request, log, cancellationToken).ConfigureAwait(false) : PublishedDigests.None;
        var expected = pinned ?? published.Pinned;
        using var hasher = new ContentHasher(expected?.Digests.Select(d => d.Algorithm) ?? []);
        var query = new ContentQuery(request, expected, partial, hasher, credentials, log)
        {
            // A URL whose bytes fail the final check below is passed over for the next one.
            Check = digests => ContentVerifier.Mismatch(request, digests, expected),
        };
        VerifiedContent verified;
        try
        {
            verified = await FetchVerifiedAsync(query, cancellationToken).ConfigureAwait(false);
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

        var sourced = verified.Sourced;
        var digests = verified.Digests;
        // Held from before the blob exists until it is placed: a prune never sees it unheld in between.
        var hold = await _cache.HoldContentAsync(digests.Sha256, cancellationToken).ConfigureAwait(false);
        try
        {
            var content = _committer.Commit(partial, digests, urlKey, sourced, expected is null && WebPages.IsUnexpected(sourced.MediaType, request.FileName),
                expected, published.Pinned is not null);
            if (published.Failures.Count > 0)
            {
                content = content with { Unpublished = string.Join("; ", published.Failures) };
            }

            // Only what a digest known beforehand vouched for is passed on: never an unpinned download.
            var offer = _sink is not null && expected is not null
                ? new ContentOffer(request, digests.Sha256, digests.Length, _cache.Store.PathOf(digests.Sha256), verified.Source, log)
                : null;
            return new Downloaded(new HeldContent(content, hold), offer);
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

    /// <summary>
    /// The content sources in order, each one's bytes verified as soon as it has given them: the
    /// first whose bytes are right gives them. Wrong bytes from a source that another follows are
    /// dropped, the source says so (<see cref="IContentSource.Rejected"/>) and the next is asked;
    /// wrong bytes no later source replaced are FB1001.
    /// </summary>
    private async Task<VerifiedContent> FetchVerifiedAsync(ContentQuery query, CancellationToken cancellationToken)
    {
        FetchException? mismatch = null;
        for (var i = 0; i < _sources.Count; i++)
        {
            var source = _sources[i];
            if (await source.FetchAsync(query, cancellationToken).ConfigureAwait(false) is not { } sourced)
            {
                continue;
            }

            var digests = query.Hasher.Finish();
            try
            {
                ContentVerifier.Verify(query.Request, digests, query.Expected);
                return new VerifiedContent(sourced, digests, source);
            }
            catch (FetchException wrong) when (i < _sources.Count - 1)
            {
                mismatch = wrong;
                ContentCommitter.DeletePartial(query.PartialPath);
                source.Rejected(query, digests);
            }
        }

        throw mismatch ?? new FetchException(DiagnosticCatalog.DownloadFailed(query.Request.MaskedUrl, "no source has the content"));
    }

    /// <summary>
    /// For an artifact nothing local pins, a digest its publisher lists, to enforce all the same. A
    /// host that owns the artifact but gives no digest is said at once, and again by FB1005.
    /// </summary>
    private async Task<PublishedDigests> FindPublishedAsync(ArtifactRequest request, IFetchLog log, CancellationToken cancellationToken)
    {
        var published = await _digests.FindRemoteAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var failure in published.Failures)
        {
            log.Message($"Fetch.Build: {request.MaskedUrl}: no published digest: {failure}.", important: true);
        }

        if (published.Pinned is { } pinned)
        {
            var names = string.Join(", ", pinned.Digests.Select(d => d.Algorithm.DisplayName()));
            var detail = pinned.Detail is null ? string.Empty : $" ({pinned.Detail})";
            log.Message($"Fetch.Build: {request.MaskedUrl}: verifying against the {names} {pinned.Origin}{detail}.", important: false);
        }

        return published;
    }

    /// <summary>Bytes a source gave that passed verification, with their digests and the source.</summary>
    private sealed record VerifiedContent(SourcedContent Sourced, ContentDigests Digests, IContentSource Source);

    /// <summary>Content committed by a download, held, and what to offer the sink once the URL's lock is released.</summary>
    private sealed record Downloaded(HeldContent Held, ContentOffer? Offer);
}

using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Extraction;
using Fetch.Build.Core.Pinning;
using Fetch.Build.Core.Placement;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Resolution;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// Walks one artifact through the cache: decide first (up to date? — a few stats and one
/// query), then act (resolve content, extract, place, record).
/// </summary>
internal sealed class ArtifactProcessor
{
    private readonly CacheContext _cache;
    private readonly ContentResolver _content;
    private readonly FilePlacer _filePlacer;
    private readonly TreePlacer _treePlacer;
    private readonly TreeCache _treeCache;
    private readonly BlobCheck _blobs;
    private readonly FetchSettings _settings;
    private readonly CrashPoints _crash;
    private readonly Pins _pins;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PlacedArtifact> _placed = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _used = new(StringComparer.Ordinal);
    private long _transferredBytes;
    private int _worked;

    public ArtifactProcessor(CacheContext cache, ContentResolver content, FetchSettings settings, CrashPoints crash, Pins pins)
    {
        _cache = cache;
        _content = content;
        _blobs = new BlobCheck(cache.Store, cache.Registry, settings.LinkMode);
        _filePlacer = new FilePlacer(_blobs, settings.LinkMode);
        _treePlacer = new TreePlacer(cache.Layout, _blobs);
        _treeCache = new TreeCache(cache);
        _settings = settings;
        _crash = crash;
        _pins = pins;
    }

    public long TransferredBytes => Interlocked.Read(ref _transferredBytes);

    /// <summary>How many artifacts needed more than the up-to-date check.</summary>
    public int Worked => Volatile.Read(ref _worked);

    /// <summary>Resolves, places and records one artifact; what is said about it goes to <paramref name="log"/>.</summary>
    public async Task<FetchedArtifact?> ProcessAsync(ArtifactRequest request, IFetchLog log, CancellationToken cancellationToken)
    {
        var urlKey = UrlKeys.For(request.Url, request.Headers);
        // The tool's hash and add, the library's cached path.
        if (request.CacheOnly)
        {
            return await ResolveOnlyAsync(request, urlKey, log, cancellationToken).ConfigureAwait(false);
        }

        var requestKey = RequestKeys.For(request, urlKey);
        if (FindUpToDate(request, requestKey, out var placedKey) is { } upToDate)
        {
            return _pins.Accept(request, upToDate.Sha256, log, UnpinnedCheck.PinnedBy(request, placedKey)) ? upToDate : null;
        }

        if (_settings.DesignTime)
        {
            // IDE builds never fetch: they report what is present and leave the rest to the real build.
            return null;
        }

        Interlocked.Increment(ref _worked);
        // Inner builds of a multi-targeted project share destinations: one places, the others find it done.
        using var held = await _cache.LockAsync("dest-" + UrlKeys.Hash(request.DestinationPath), cancellationToken).ConfigureAwait(false);
        if (FindUpToDate(request, requestKey, out placedKey) is { } placedMeanwhile)
        {
            return _pins.Accept(request, placedMeanwhile.Sha256, log, UnpinnedCheck.PinnedBy(request, placedKey)) ? placedMeanwhile : null;
        }

        if (LinkedFolders.FirstBelow(_settings.ProjectDirectory, request.DestinationPath) is { } linked)
        {
            // Before any request: the build cannot place this artifact until the link is gone.
            throw new FetchException(DiagnosticCatalog.LinkedFolder(request.MaskedUrl, linked, request.DestinationPath));
        }

        return await FetchAndPlaceAsync(request, urlKey, requestKey, log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the destination still holds what <paramref name="placement"/> recorded for this request. Stats only.</summary>
    internal static bool IsUpToDate(ArtifactRequest request, string requestKey, PlacementRecord placement, IReadOnlyList<ExtractedFile>? tree) =>
        RequestKeys.Matches(placement.RequestKey, requestKey) && (request.Extract
            ? tree is not null && TreePlacer.IsIntact(request.DestinationPath, tree, placement)
            : FileStamp.Of(request.DestinationPath) == new FileStamp(placement.Size, placement.MTimeTicks)) &&
        placement.StillNamesWhatWasPlaced();

    internal static FetchedArtifact Result(ArtifactRequest request, PlacedArtifact placed, bool fromCache) =>
        Result(request, placed.Placement.Sha256, placed.ArtifactSize, fromCache, placed.Tree);

    /// <param name="placedKey">The key the placement was recorded under: whether a host vouched for it (<see cref="UnpinnedCheck"/>).</param>
    private FetchedArtifact? FindUpToDate(ArtifactRequest request, string requestKey, out string placedKey)
    {
        var placement = _cache.Registry.FindPlacement(request.DestinationPath);
        placedKey = placement?.RequestKey ?? string.Empty;
        // Content the lock file now pins to other bytes (a pulled change) is not up to date either.
        if (placement is null || !RequestKeys.Matches(placement.RequestKey, requestKey) || !_pins.Agrees(request, placement.Sha256))
        {
            return null;
        }

        var tree = request.Extract && placement.TreeKey is { } treeKey ? TreeManifest.TryRead(_cache.Layout.TreeManifestPath(treeKey)) : null;
        if (!IsUpToDate(request, requestKey, placement, tree))
        {
            return null;
        }

        var size = request.Extract ? _cache.Store.SizeOf(placement.Sha256) ?? 0 : placement.Size;
        return Remember(request, new PlacedArtifact(placement, size, tree), fromCache: true);
    }

    private Task<FetchedArtifact?> FetchAndPlaceAsync(ArtifactRequest request, string urlKey, string requestKey, IFetchLog log, CancellationToken cancellationToken) =>
        WithContentAsync(request, urlKey, log, async content =>
        {
            try
            {
                // A web page placed for an unpinned artifact is never up to date: the next build asks again.
                return await PlaceAsync(request, content, UnpinnedCheck.PlacementKey(request, requestKey, content), log, cancellationToken).ConfigureAwait(false);
            }
            catch (FetchException failure) when (request.Digests.Count == 0 && IsUnusableArchive(failure))
            {
                // Nothing vouched for these bytes and they are not the archive the item expects: the
                // cache must not keep serving them (a login page stored as the "archive" would fail
                // every later build with no request made).
                _cache.Registry.FailEntry(urlKey);
                throw;
            }
        }, cancellationToken);

    /// <summary>
    /// The content in the store, proven, and nothing placed: its path is the blob itself (the tool's
    /// <c>hash</c> and <c>add</c>, the library's cached path).
    /// </summary>
    private Task<FetchedArtifact?> ResolveOnlyAsync(ArtifactRequest request, string urlKey, IFetchLog log, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _worked);
        return WithContentAsync(request, urlKey, log, content =>
        {
            var blob = _blobs.Prove(content.Sha256, content.TransferredBytes > 0);
            return Task.FromResult(new FetchedArtifact(blob, request.MaskedUrl, content.Sha256, content.Size, content.TransferredBytes == 0, false,
                [new FetchedFile(blob, request.FileName, request.FileName)], null));
        }, cancellationToken);
    }

    /// <summary>
    /// Resolves the content and hands it to <paramref name="use"/>; a stored blob found corrupt
    /// on the way is reported, dropped and fetched once more.
    /// </summary>
    private async Task<FetchedArtifact?> WithContentAsync(ArtifactRequest request, string urlKey, IFetchLog log, Func<ResolvedContent, Task<FetchedArtifact>> use, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Held until used: no prune or size cap removes the blob under the copy.
            using var held = await _content.ResolveAsync(request, urlKey, log, cancellationToken).ConfigureAwait(false);
            var content = held.Content;
            Interlocked.Add(ref _transferredBytes, content.TransferredBytes);
            _used[content.Sha256] = content.Sha256;
            if (!_pins.Accept(request, content.Sha256, log, content.PinnedBy, content.Unpublished, content.WebPage))
            {
                return null;
            }

            try
            {
                return await use(content).ConfigureAwait(false);
            }
            catch (CorruptBlobException corrupt) when (attempt == 1)
            {
                log.Report(DiagnosticCatalog.CorruptCacheEntry(request.MaskedUrl, corrupt.BlobPath));
                _cache.Store.Delete(corrupt.Sha256);
                _cache.Registry.ForgetBlob(corrupt.Sha256);
            }
        }
    }

    private async Task<FetchedArtifact> PlaceAsync(ArtifactRequest request, ResolvedContent content, string requestKey, IFetchLog log, CancellationToken cancellationToken)
    {
        try
        {
            return await PlaceOrThrowAsync(request, content, requestKey, log, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The content is safe in the cache; what failed is the destination (a full or read-only disk).
            throw new FetchException(DiagnosticCatalog.DestinationUnwritable(request.MaskedUrl, request.DestinationPath, ex.Message), ex);
        }
    }

    private async Task<FetchedArtifact> PlaceOrThrowAsync(ArtifactRequest request, ResolvedContent content, string requestKey, IFetchLog log, CancellationToken cancellationToken)
    {
        // A row for the path counts only while the path names what was placed: a file put in its
        // place, or one reached through a folder since replaced by a link, is someone else's.
        var previous = _cache.Registry.FindPlacement(request.DestinationPath) is { } row && row.StillNamesWhatWasPlaced() ? row : null;
        if (!request.Extract)
        {
            var record = _filePlacer.Place(request.DestinationPath, content.Sha256, requestKey, previous is not null, content.TransferredBytes > 0, request.MaskedUrl, cancellationToken);
            _crash.Hit(CrashPoints.AfterPlacement);
            _cache.Registry.RecordPlacement(record);
            return Remember(request, new PlacedArtifact(record, content.Size, null), content.TransferredBytes == 0);
        }

        var (placed, files) = await PlaceTreeAsync(request, content, requestKey, previous, log, cancellationToken).ConfigureAwait(false);
        _crash.Hit(CrashPoints.AfterPlacement);
        _cache.Registry.RecordPlacement(placed);
        return Remember(request, new PlacedArtifact(placed, content.Size, files), content.TransferredBytes == 0);
    }

    /// <summary>Copy mode extracts into the destination; HardLink mode links to a tree the cache keeps.</summary>
    private async Task<(PlacementRecord Placement, IReadOnlyList<ExtractedFile> Files)> PlaceTreeAsync(ArtifactRequest request, ResolvedContent content, string requestKey, PlacementRecord? previous, IFetchLog log, CancellationToken cancellationToken)
    {
        var options = new ExtractionOptions(request.StripComponents, _settings.MaxExtractedBytes);
        var verifiedJustNow = content.TransferredBytes > 0;
        var treeKey = TreeManifest.KeyFor(content.Sha256, options);
        IReadOnlyList<ExtractedFile> files;
        PlacementRecord placed;
        if (_settings.LinkMode == LinkMode.HardLink)
        {
            (placed, files) = await _treeCache.LinkAsync(
                treeKey, () => _blobs.Prove(content.Sha256, verifiedJustNow), request.FileName, options, request.MaskedUrl, log,
                (kept, ensureSealed) => _treePlacer.Link(request, requestKey, content.Sha256, treeKey, kept, previous, ensureSealed, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        else
        {
            (placed, files) = _treePlacer.Extract(request, requestKey, options, content.Sha256, treeKey, previous, verifiedJustNow, cancellationToken);
        }

        // Which archive and options each kept file list belongs to.
        _cache.Registry.RecordTree(treeKey, content.Sha256, options.Key, files.Count, files.Sum(f => f.Size));
        return (placed, files);
    }

    /// <summary>The SHA-256 of all content this run used from the cache or added to it: the size cap never removes it.</summary>
    public IReadOnlyCollection<string> UsedContent => _used.Keys.ToList();

    /// <summary>What every resolved destination holds now, for the project's state file.</summary>
    public IReadOnlyCollection<PlacedArtifact> Placed => _placed.Values.ToList();

    private FetchedArtifact Remember(ArtifactRequest request, PlacedArtifact placed, bool fromCache)
    {
        _placed[request.DestinationPath] = placed;
        return Result(request, placed, fromCache);
    }

    private static bool IsUnusableArchive(FetchException failure) =>
        failure.Diagnostic.Code is DiagnosticCatalog.UnreadableArchiveCode or DiagnosticCatalog.UnsafeArchiveEntryCode or DiagnosticCatalog.ArchiveTooLargeCode;

    private static FetchedArtifact Result(ArtifactRequest request, string sha256, long size, bool fromCache, IReadOnlyList<ExtractedFile>? tree)
    {
        var prefix = request.Link is { } link ? link.Replace('\\', '/').TrimEnd('/') + "/" : string.Empty;
        var files = tree is null
            ? [new FetchedFile(request.DestinationPath, request.FileName, request.Link?.Replace('\\', '/') ?? request.FileName)]
            : tree.Select(f => new FetchedFile(
                Path.Combine(request.DestinationPath, f.RelativePath.Replace('/', Path.DirectorySeparatorChar)),
                f.RelativePath,
                prefix + f.RelativePath)).ToList();
        // The masked URL: MSBuild logs output items and their metadata (-v:diag, binary logs).
        return new FetchedArtifact(request.DestinationPath, request.MaskedUrl, sha256, size, fromCache, request.Extract, files, request.CopyToOutputDirectory);
    }
}

using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pinning;

/// <summary>
/// The one answer to "is this artifact pinned, and by what?" for a run: the item's digest, else
/// its lock file entry, else a digest its host published when the bytes were fetched (see
/// <see cref="Pipeline.UnpinnedCheck"/> for how a placement remembers that), else — with the lock
/// file on — the first fetch, recorded. The up-to-date shortcut, the processor (FB1005) and the
/// lock file's update all ask here.
/// </summary>
internal sealed class Pins
{
    private readonly string? _lockPath;
    private readonly LockFile? _lock;
    private readonly HashSet<string> _ambiguous;
    private readonly bool _requireHash;
    private readonly HashSet<string> _webPages = new(StringComparer.Ordinal);

    private Pins(string? lockPath, LockFile? lockFile, HashSet<string> ambiguous, bool requireHash)
    {
        _lockPath = lockPath;
        _lock = lockFile;
        _ambiguous = ambiguous;
        _requireHash = requireHash;
    }

    /// <summary>No lock file: only items pin.</summary>
    public static Pins ItemsOnly(FetchSettings settings) => new(null, null, [], settings.RequireHash);

    /// <summary>The lock file as read for this run.</summary>
    public static Pins From(LockFile lockFile, IReadOnlyList<ArtifactRequest> requests, FetchSettings settings) =>
        new(settings.LockFile, lockFile, LockKeys.Ambiguous(requests, settings.LockFile!), settings.RequireHash);

    /// <summary>
    /// The lock file unread, because the project's state proves it unchanged since the last build
    /// recorded every artifact in it: every URL it can tell apart is pinned by its entry.
    /// </summary>
    public static Pins Recorded(IReadOnlyList<ArtifactRequest> requests, FetchSettings settings) =>
        new(settings.LockFile, null, LockKeys.Ambiguous(requests, settings.LockFile!), settings.RequireHash);

    /// <summary>The lock file's path, or null when the project uses none.</summary>
    public string? LockPath => _lockPath;

    /// <summary>The artifact's key in the lock file; null without one.</summary>
    public string? KeyOf(ArtifactRequest request) => _lockPath is null ? null : LockKeys.For(request, _lockPath);

    public PinSource SourceOf(ArtifactRequest request)
    {
        if (request.Digests.Count > 0)
        {
            return PinSource.Item;
        }

        if (KeyOf(request) is not { } key || _ambiguous.Contains(key))
        {
            return PinSource.None;
        }

        return _lock is null || _lock.Find(key) is not null ? PinSource.LockFile : PinSource.FirstUse;
    }

    /// <summary>The entry that pins an artifact the item does not; null otherwise.</summary>
    public LockEntry? EntryOf(ArtifactRequest request) =>
        SourceOf(request) == PinSource.LockFile && _lock is not null ? _lock.Find(KeyOf(request)!) : null;

    /// <summary>True unless the lock file pins the artifact to other content than <paramref name="sha256"/> (then what is placed is not up to date).</summary>
    public bool Agrees(ArtifactRequest request, string sha256) => EntryOf(request) is not { } entry || entry.Sha256 == sha256;

    /// <summary>True when a digest stands behind the artifact: FetchRequireHash is satisfied.</summary>
    public bool IsPinned(ArtifactRequest request) => SourceOf(request) is PinSource.Item or PinSource.LockFile;

    /// <summary>True when the update may record this artifact's content: not a web page it was served instead of the file.</summary>
    public bool IsRecordable(ArtifactRequest request)
    {
        lock (_webPages)
        {
            return !_webPages.Contains(request.Url.AbsoluteUri);
        }
    }

    /// <summary>True when a digest stands behind the artifact, counting one its host published (<paramref name="hostPinnedBy"/>).</summary>
    public bool IsPinned(ArtifactRequest request, string? hostPinnedBy) => hostPinnedBy is not null || IsPinned(request);

    /// <summary>
    /// FB1005 for content nothing pins: a warning (an error with FetchRequireHash, and the content is
    /// not used), saying why no host pinned it when one was asked (<paramref name="unpublished"/>).
    /// Content a host vouched for (<paramref name="hostPinnedBy"/>) is pinned. With the lock file on,
    /// first-use content is recorded instead, and said so by the update.
    /// </summary>
    public bool Accept(ArtifactRequest request, string sha256, IFetchLog log, string? hostPinnedBy = null, string? unpublished = null, bool webPage = false)
    {
        var source = SourceOf(request);
        if (source is PinSource.Item or PinSource.LockFile || hostPinnedBy is not null)
        {
            return true;
        }

        if (webPage)
        {
            // A login wall or an error page: never pinned, on the item or in the lock file.
            lock (_webPages)
            {
                _webPages.Add(request.Url.AbsoluteUri);
            }

            log.Report(DiagnosticCatalog.MissingDigestWebPage(request.MaskedUrl, request.FileName, _requireHash));
            return !_requireHash;
        }

        if (source == PinSource.FirstUse && !_requireHash)
        {
            return true;
        }

        if (source == PinSource.None && KeyOf(request) is { } key)
        {
            log.Message($"Fetch.Build: {request.MaskedUrl}: the lock file cannot pin this artifact: another URL of the project reads '{key}' there too " +
                "(URLs that differ only in user-info or query values look alike once masked). Give it a Sha256.", important: true);
        }

        log.Report(DiagnosticCatalog.MissingDigest(request.MaskedUrl, sha256, _requireHash, unpublished, suggestLockFile: _lockPath is null));
        return !_requireHash;
    }
}

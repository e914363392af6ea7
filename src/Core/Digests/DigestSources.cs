using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Digests;

/// <summary>
/// The sources of expected digests, in the order they are trusted. Local ones (the item, the lock
/// file) are asked before the cache is searched, since they say what to search for; remote ones
/// (hosts that publish digests) only when the bytes must be downloaded anyway.
/// </summary>
internal sealed class DigestSources
{
    private readonly IReadOnlyList<IDigestSource> _sources;

    public DigestSources(IReadOnlyList<IDigestSource> sources)
    {
        _sources = sources;
    }

    /// <summary>What the local sources know; no request is made.</summary>
    public async Task<PinnedDigests?> FindLocalAsync(ArtifactRequest request, CancellationToken cancellationToken)
    {
        foreach (var source in _sources)
        {
            if (!source.IsRemote && await source.FindAsync(request, cancellationToken).ConfigureAwait(false) is { } pinned)
            {
                return pinned;
            }
        }

        return null;
    }

    /// <summary>
    /// What the remote sources know, asked in order, for an artifact no local source pins: the
    /// first that gives digests wins; a source that owns the artifact but gives none
    /// (<see cref="DigestLookupException"/>) is noted, and the next is asked.
    /// </summary>
    public async Task<PublishedDigests> FindRemoteAsync(ArtifactRequest request, CancellationToken cancellationToken)
    {
        List<string>? failures = null;
        foreach (var source in _sources)
        {
            if (!source.IsRemote)
            {
                continue;
            }

            try
            {
                if (await source.FindAsync(request, cancellationToken).ConfigureAwait(false) is { } pinned)
                {
                    return new PublishedDigests(pinned, failures ?? []);
                }
            }
            catch (DigestLookupException unpublished)
            {
                (failures ??= []).Add(unpublished.Message);
            }
        }

        return failures is null ? PublishedDigests.None : new PublishedDigests(null, failures);
    }
}

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

    /// <summary>What the remote sources know, asked in order; for an artifact no local source pins.</summary>
    public async Task<PinnedDigests?> FindRemoteAsync(ArtifactRequest request, CancellationToken cancellationToken)
    {
        foreach (var source in _sources)
        {
            if (source.IsRemote && await source.FindAsync(request, cancellationToken).ConfigureAwait(false) is { } pinned)
            {
                return pinned;
            }
        }

        return null;
    }
}

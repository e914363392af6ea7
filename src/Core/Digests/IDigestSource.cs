using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Digests;

/// <summary>
/// One place the truth about an artifact's bytes can come from: the item, the lock file, the
/// host that publishes it. <see cref="DigestSources"/> asks them in order; the first that knows wins.
/// </summary>
internal interface IDigestSource
{
    /// <summary>True when asking costs a request: such a source is asked only when content must be downloaded.</summary>
    bool IsRemote { get; }

    /// <summary>
    /// The digests this source holds for the artifact; null when the artifact is not its to answer
    /// for. A remote source that owns the artifact but has no digest for it throws
    /// <see cref="DigestLookupException"/> saying why, so that the unpinned download is said, never silent.
    /// </summary>
    Task<PinnedDigests?> FindAsync(ArtifactRequest request, CancellationToken cancellationToken);
}

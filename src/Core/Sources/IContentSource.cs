using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Sources;

/// <summary>
/// One place an artifact's bytes may come from over the network: the shared store, the origin with
/// its mirrors. A source only moves bytes into the partial file, each through the query's hasher in
/// order; whether they are the right bytes is decided outside every source, by the same check for
/// all (<see cref="Resolution.ContentVerifier"/>), and only then are they committed.
/// </summary>
internal interface IContentSource
{
    /// <summary>
    /// Fetches the bytes into <see cref="ContentQuery.PartialPath"/>. Null when this source does not
    /// have them (the next source is asked; a failure worth hearing about is said on the query's log
    /// first). Throws <see cref="Diagnostics.FetchException"/> for a failure that ends the artifact,
    /// <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    Task<SourcedContent?> FetchAsync(ContentQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The bytes this source gave hash to <paramref name="actual"/>, not to what was expected; they
    /// were dropped and the next source is asked. The source says so on the query's log, in its terms.
    /// </summary>
    void Rejected(ContentQuery query, ContentDigests actual);
}

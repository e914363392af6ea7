namespace Fetch.Build.Core.Sources;

/// <summary>
/// One place an artifact's bytes may come from over the network: the origin with its mirrors,
/// later a shared store. A source only moves bytes into the partial file, each through the query's
/// hasher in order; whether they are the right bytes is decided outside every source, by the same
/// check for all (<see cref="Resolution.ContentVerifier"/>), and only then are they committed.
/// </summary>
internal interface IContentSource
{
    /// <summary>
    /// Fetches the bytes into <see cref="ContentQuery.PartialPath"/>. Null when this source does not
    /// have them (a quiet miss: the next source is asked). Throws <see cref="Diagnostics.FetchException"/>
    /// for a failure the user must hear about, <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    Task<SourcedContent?> FetchAsync(ContentQuery query, CancellationToken cancellationToken);
}

using Fetch.Build.Core.Http;
using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Sources;

/// <summary>
/// The Include URL, then its mirrors in order, through the run's downloader (rounds over the URLs,
/// retries, resume, segments). Bytes one URL gives that the query's check rejects send it on to the next.
/// </summary>
internal sealed class OriginSource : IContentSource
{
    private readonly Func<Downloader> _downloader;

    /// <param name="downloader">The run's downloader, built on first use: a run served from the cache never builds one.</param>
    public OriginSource(Func<Downloader> downloader)
    {
        _downloader = downloader;
    }

    public async Task<SourcedContent?> FetchAsync(ContentQuery query, CancellationToken cancellationToken)
    {
        var spec = new DownloadSpec(query.Request.Sources, query.Request.MaskedUrlVia, query.Credentials) { Check = query.Check };
        var result = await _downloader().DownloadAsync(spec, query.PartialPath, query.Hasher, cancellationToken).ConfigureAwait(false);
        return new SourcedContent(result.TransferredBytes, result.ETag, result.LastModified, result.MediaType);
    }

    /// <summary>Said only when a source follows the origin; the last source's wrong bytes are FB1001.</summary>
    public void Rejected(ContentQuery query, ContentDigests actual) =>
        query.Log.Message($"Fetch.Build: {query.Request.MaskedUrlVia}: the content's SHA-256 is {actual.Sha256}, not what was expected; trying the next source.", important: true);
}

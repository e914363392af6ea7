using Fetch.Build.Core.Http;

namespace Fetch.Build.Core.Sources;

/// <summary>The Include URL, then its mirrors in order, through the run's downloader (retries, resume, segments).</summary>
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
        var spec = new DownloadSpec(query.Request.Sources, query.Request.MaskedUrlVia, query.Credentials);
        var result = await _downloader().DownloadAsync(spec, query.PartialPath, query.Hasher, cancellationToken).ConfigureAwait(false);
        return new SourcedContent(result.TransferredBytes, result.ETag, result.LastModified, result.MediaType);
    }
}

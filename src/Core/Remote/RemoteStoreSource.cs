using System.Net;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Sources;

namespace Fetch.Build.Core.Remote;

/// <summary>
/// Read-through: content whose SHA-256 is known before the download is asked of the store first,
/// <c>GET {base}/cas/{sha256}</c>. 404 is a quiet miss; any other failure is FB1016 and the next
/// source (the origin) is asked. Its bytes are verified by the resolver like any source's, and wrong
/// ones are FB1016 too: the store can slow a build down, never break or poison it.
/// </summary>
internal sealed class RemoteStoreSource : IContentSource
{
    /// <summary>
    /// The store's bytes land beside the partial, not in it: an interrupted origin download there
    /// keeps its resume state, and a failed store transfer never leaves bytes an origin resume would
    /// take for its own.
    /// </summary>
    private const string TempSuffix = ".store";

    private readonly RemoteStore _store;

    public RemoteStoreSource(RemoteStore store)
    {
        _store = store;
    }

    public async Task<SourcedContent?> FetchAsync(ContentQuery query, CancellationToken cancellationToken)
    {
        if (query.Expected?.Sha256 is not { } sha256)
        {
            // Unpinned content has no address in the store.
            return null;
        }

        var url = _store.BlobUrl(sha256);
        var temp = query.PartialPath + TempSuffix;
        try
        {
            using var sent = await _store.SendAsync(url, SendOptions.Get, query.Request, query.Log, cancellationToken).ConfigureAwait(false);
            if (sent is null)
            {
                return null;
            }

            var copied = await CopyAsync(sent.Response, temp, query, cancellationToken).ConfigureAwait(false);
            File.Move(temp, query.PartialPath, overwrite: true);
            // The partial is the store's bytes now: an origin's resume state no longer fits it.
            ResumeState.Delete(query.PartialPath);
            _store.CountServed();
            query.Log.Message($"Fetch.Build: {query.Request.MaskedUrl}: from the remote store, {UrlMasker.Mask(url)}.", important: false);
            return new SourcedContent(copied, null, null);
        }
        catch (AttemptFailedException ex)
        {
            Discard(temp, query);
            cancellationToken.ThrowIfCancellationRequested();
            if (ex.Status != HttpStatusCode.NotFound)
            {
                query.Log.Report(DiagnosticCatalog.RemoteStoreFailed(query.Request.MaskedUrl, UrlMasker.Mask(url), _store.Explain(ex)));
            }

            return null;
        }
    }

    public void Rejected(ContentQuery query, ContentDigests actual) =>
        query.Log.Report(DiagnosticCatalog.RemoteStoreWrongContent(
            query.Request.MaskedUrl, UrlMasker.Mask(_store.BlobUrl(query.Expected!.Sha256!)), query.Expected.Sha256!, actual.Sha256));

    private async Task<long> CopyAsync(HttpResponseMessage response, string temp, ContentQuery query, CancellationToken cancellationToken)
    {
        var http = _store.Http;
        var length = response.Content.Headers.ContentLength;
        var progress = new TransferProgress();
        progress.Restart(0, length);
        using var reporter = ProgressReporter.Start(query.Log, http.Time, query.Request.MaskedUrl + " (remote store)", progress, http.Options);
        query.Hasher.Reset();
        long copied;
        using (var file = PartialFile.Open(temp))
        {
            file.Truncate(0);
            copied = await BodyCopier.CopyAsync(response, file, 0, null, query.Hasher, progress, http.Options.InactivityTimeout, cancellationToken).ConfigureAwait(false);
        }

        if (length is { } expected && copied != expected)
        {
            throw AttemptFailedException.Transient($"the body ended after {copied} of {expected} bytes");
        }

        return copied;
    }

    private static void Discard(string temp, ContentQuery query)
    {
        File.Delete(temp);
        query.Hasher.Reset();
    }
}

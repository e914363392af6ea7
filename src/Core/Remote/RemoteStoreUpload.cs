using System.Net;
using System.Net.Http.Headers;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Sources;

namespace Fetch.Build.Core.Remote;

/// <summary>
/// Write-back (FetchRemoteCacheUpload): content this build verified against a digest known before
/// its download, and got from elsewhere than the store, is sent to it — <c>HEAD {base}/cas/{sha256}</c>
/// first (200: the store has it, nothing is sent), then <c>PUT</c> streaming the blob from the cache.
/// It runs in the artifact's walk, after the commit and outside the URL's lock, so the build's
/// summary counts it; a failure is FB1016, a warning: the artifact is already in place.
/// </summary>
internal sealed class RemoteStoreUpload : IContentSink
{
    private const int BufferSize = 1 << 18;

    private readonly RemoteStore _store;

    public RemoteStoreUpload(RemoteStore store)
    {
        _store = store;
    }

    public async Task OfferAsync(ContentOffer offer, CancellationToken cancellationToken)
    {
        if (offer.From is RemoteStoreSource)
        {
            // The store gave it: it has it.
            return;
        }

        var url = _store.BlobUrl(offer.Sha256);
        try
        {
            if (await HasAsync(url, offer, cancellationToken).ConfigureAwait(false) == false)
            {
                await PutAsync(url, offer, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (AttemptFailedException ex)
        {
            cancellationToken.ThrowIfCancellationRequested();
            offer.Log.Report(DiagnosticCatalog.RemoteStoreUploadFailed(offer.Request.MaskedUrl, UrlMasker.Mask(url), _store.Explain(ex)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The blob could not be read: the store misses one upload, the build goes on.
            offer.Log.Report(DiagnosticCatalog.RemoteStoreUploadFailed(offer.Request.MaskedUrl, UrlMasker.Mask(url), ex.Message));
        }
    }

    /// <summary>True when the store has the blob, false when it answers 404, null when it was not asked.</summary>
    private async Task<bool?> HasAsync(Uri url, ContentOffer offer, CancellationToken cancellationToken)
    {
        try
        {
            using var sent = await _store.SendAsync(url, SendOptions.Head, offer.Request, offer.Log, cancellationToken).ConfigureAwait(false);
            return sent is null ? null : true;
        }
        catch (AttemptFailedException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task PutAsync(Uri url, ContentOffer offer, CancellationToken cancellationToken)
    {
        using var stall = new StallGuard(_store.Http.Options.InactivityTimeout, cancellationToken);
        // A stream of its own for this request: a content is read once, and a retry would need a fresh one.
        var blob = new StallGuardedStream(
            new FileStream(offer.BlobPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan), stall);
        using var content = new StreamContent(blob, BufferSize);
        content.Headers.ContentLength = offer.Size;
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        try
        {
            using var sent = await _store.SendAsync(url, new SendOptions(HttpMethod.Put, content), offer.Request, offer.Log, stall.Token).ConfigureAwait(false);
            if (sent is not null)
            {
                _store.CountUploaded();
                offer.Log.Message($"Fetch.Build: {offer.Request.MaskedUrl}: uploaded to the remote store, {UrlMasker.Mask(url)}.", important: false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw AttemptFailedException.Transient(
                $"the store stopped taking the upload after {blob.Sent} of {offer.Size} bytes (less than 1 KiB in {StatusClassifier.Seconds(_store.Http.Options.InactivityTimeout)})");
        }
    }
}

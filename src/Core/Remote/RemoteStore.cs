using System.Net;
using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Remote;

/// <summary>
/// The shared content store of one run (SPEC §9), laid out as Bazel's HTTP remote cache:
/// <c>{base}/cas/{sha256}</c>, served by any server that does GET, HEAD and PUT. Its requests have
/// their own policy: one attempt each, never retried — the origin is the fallback, and a store must
/// never make a build slower than having none — and none at all once the store proved unreachable.
/// They carry the store's credentials only, and go through the run's HTTP stack (client, rate gate).
/// </summary>
internal sealed class RemoteStore
{
    private readonly Uri _base;
    private readonly RequestCredentials _credentials;
    private readonly string? _tokenVariable;
    private readonly Func<HttpStack> _http;
    private readonly StoreReachability _reachability = new();
    private int _served;
    private int _uploaded;

    /// <param name="baseUrl">FetchRemoteCache: blobs are under its <c>cas/</c>.</param>
    /// <param name="credentials">What requests to the store carry (<see cref="CredentialResolver.ForStore"/>).</param>
    /// <param name="tokenVariable">FetchRemoteCacheTokenVariable, to explain a refusal when it is unset.</param>
    /// <param name="http">The run's HTTP stack, built on first use.</param>
    public RemoteStore(Uri baseUrl, RequestCredentials credentials, string? tokenVariable, Func<HttpStack> http)
    {
        // "https://store/fetch" and "https://store/fetch/" are one store, not a sibling's cas/.
        _base = baseUrl.AbsolutePath.EndsWith('/') ? baseUrl : new UriBuilder(baseUrl) { Path = baseUrl.AbsolutePath + "/" }.Uri;
        _credentials = credentials;
        _tokenVariable = tokenVariable;
        _http = http;
    }

    public HttpStack Http => _http();

    /// <summary>Artifacts whose bytes the store gave in this run.</summary>
    public int Served => Volatile.Read(ref _served);

    /// <summary>Blobs sent to the store in this run.</summary>
    public int Uploaded => Volatile.Read(ref _uploaded);

    public Uri BlobUrl(string sha256) => new(_base, "cas/" + sha256);

    public void CountServed() => Interlocked.Increment(ref _served);

    public void CountUploaded() => Interlocked.Increment(ref _uploaded);

    /// <summary>
    /// Sends one request to the store. Null when nothing was sent or answered because the store
    /// cannot be reached (said on <paramref name="log"/> once per run, FB1016). A status other than
    /// success is an <see cref="AttemptFailedException"/> with its <see cref="AttemptFailedException.Status"/>.
    /// </summary>
    /// <param name="token">Cancels the request; for an upload, also its stall guard.</param>
    public async Task<SentResponse?> SendAsync(Uri url, SendOptions options, ArtifactRequest artifact, IFetchLog log, CancellationToken token)
    {
        if (!await _reachability.MayAskAsync(token).ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            return await Http.Sender.SendAsync(new DownloadSpec([url], UrlMasker.Mask(url), _credentials), url, null, options, token).ConfigureAwait(false);
        }
        catch (AttemptFailedException ex) when (ex.NoResponse && !token.IsCancellationRequested)
        {
            if (_reachability.MarkUnreachable())
            {
                log.Report(DiagnosticCatalog.RemoteStoreUnreachable(artifact.MaskedUrl, UrlMasker.Mask(_base), ex.Message));
            }

            return null;
        }
        finally
        {
            _reachability.Settled();
        }
    }

    /// <summary>Why a request failed, as FB1016 says it: a refusal gets the likely fix.</summary>
    public string Explain(AttemptFailedException failure) =>
        failure.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? failure.Message + (_tokenVariable is null
                ? " (the store wants credentials: set FetchRemoteCacheTokenVariable, or use netrc)"
                : $" (FetchRemoteCacheTokenVariable names '{_tokenVariable}'; is it set, and is the token valid?)")
            : failure.Message;
}

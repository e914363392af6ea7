using System.Text.Json;
using Fetch.Build.Core.Credentials;

namespace Fetch.Build.Core.Http;

/// <summary>
/// The small requests a host answers about an artifact (a record's files, a release's assets).
/// They go through the run's <see cref="HttpStack"/>, so they get the downloads' retries, rate
/// gate, User-Agent, redirect rules and credentials — each to its own host only.
/// </summary>
internal sealed class ApiClient
{
    /// <summary>A host's answer about one artifact is small; anything larger is not what was asked for.</summary>
    private const long MaxDocumentBytes = 16L * 1024 * 1024;

    private readonly HttpStack _http;
    private readonly Func<Uri, Uri?>? _route;

    /// <param name="http">The run's HTTP stack.</param>
    /// <param name="route">
    /// Where a look-up URL is requested, or null when it must not be (the URL-rewrite rules refuse
    /// its host); look-ups obey the rules as downloads do. None: every URL as it is.
    /// </param>
    public ApiClient(HttpStack http, Func<Uri, Uri?>? route = null)
    {
        _http = http;
        _route = route;
    }

    /// <summary>
    /// The JSON document a GET of <paramref name="url"/> answers, or null with the reason in
    /// <see cref="LookupResult.Failure"/> when the host refused, kept failing or answered something else.
    /// </summary>
    public async Task<LookupResult> GetJsonAsync(Uri url, RequestCredentials credentials, CancellationToken cancellationToken)
    {
        if ((_route is null ? url : _route(url)) is not { } routed)
        {
            return new LookupResult(null, $"the URL-rewrite rules refuse the host of {UrlMasker.Mask(url)}");
        }

        url = routed;
        var spec = new DownloadSpec([url], UrlMasker.Mask(url), credentials);
        try
        {
            var document = await _http.Retry.ExecuteAsync(
                async token =>
                {
                    using var sent = await _http.Sender.SendAsync(spec, url, null, token).ConfigureAwait(false);
                    return await ReadJsonAsync(sent.Response, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            return new LookupResult(document, null);
        }
        catch (AttemptFailedException ex)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new LookupResult(null, ex.Message);
        }
        catch (JsonException)
        {
            return new LookupResult(null, "the answer was not JSON");
        }
    }

    private async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxDocumentBytes)
        {
            throw AttemptFailedException.Permanent($"the answer is larger than {MaxDocumentBytes} bytes");
        }

        // One inactivity timeout for the whole small body, real time as in RequestSender.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_http.Options.InactivityTimeout);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(body, cancellationToken: idle.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw AttemptFailedException.Transient($"no complete answer within {StatusClassifier.Seconds(_http.Options.InactivityTimeout)}");
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            throw AttemptFailedException.Transient("the connection broke while reading the answer");
        }
    }
}

/// <summary>A host's answer, or why there is none. The caller disposes <see cref="Document"/>.</summary>
internal sealed record LookupResult(JsonDocument? Document, string? Failure);

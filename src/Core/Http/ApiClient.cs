using System.Text;
using System.Text.Json;
using Fetch.Build.Core.Credentials;

namespace Fetch.Build.Core.Http;

/// <summary>
/// The small requests a host answers about an artifact (a record's files, a release's assets, a
/// checksum file, the headers of a resolve URL). They go through the run's <see cref="HttpStack"/>,
/// so they get the downloads' retries, rate gate, User-Agent, redirect rules and credentials —
/// each to its own host only.
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
    /// <see cref="LookupResult{T}.Failure"/> when the host refused, kept failing or answered something else.
    /// The caller disposes the document.
    /// </summary>
    public Task<LookupResult<JsonDocument>> GetJsonAsync(Uri url, RequestCredentials credentials, CancellationToken cancellationToken) =>
        GetAsync(url, credentials, static (body, token) => JsonDocument.ParseAsync(body, cancellationToken: token), cancellationToken);

    /// <summary>The text a GET of <paramref name="url"/> answers (UTF-8), or why there is none.</summary>
    public Task<LookupResult<string>> GetTextAsync(Uri url, RequestCredentials credentials, CancellationToken cancellationToken) =>
        GetAsync(url, credentials, static async (body, token) =>
        {
            using var reader = new StreamReader(body, Encoding.UTF8);
            return await reader.ReadToEndAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// What <paramref name="read"/> takes from the answer to a HEAD of <paramref name="url"/>; a
    /// redirect is not followed but is the answer (a host's redirect can carry what was asked for).
    /// </summary>
    public async Task<LookupResult<T>> HeadAsync<T>(Uri url, RequestCredentials credentials, Func<HttpResponseMessage, T> read, CancellationToken cancellationToken)
        where T : class
    {
        if ((_route is null ? url : _route(url)) is not { } routed)
        {
            return new LookupResult<T>(null, $"the URL-rewrite rules refuse the host of {UrlMasker.Mask(url)}");
        }

        url = routed;
        var spec = new DownloadSpec([url], UrlMasker.Mask(url), credentials);
        var options = SendOptions.Head with { FollowRedirects = false };
        try
        {
            var value = await _http.Retry.ExecuteAsync(
                async token =>
                {
                    using var sent = await _http.Sender.SendAsync(spec, url, null, options, token).ConfigureAwait(false);
                    return read(sent.Response);
                },
                cancellationToken).ConfigureAwait(false);
            return new LookupResult<T>(value, null);
        }
        catch (AttemptFailedException ex)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new LookupResult<T>(null, ex.Message);
        }
    }

    private async Task<LookupResult<T>> GetAsync<T>(Uri url, RequestCredentials credentials, Func<Stream, CancellationToken, Task<T>> parse, CancellationToken cancellationToken)
        where T : class
    {
        if ((_route is null ? url : _route(url)) is not { } routed)
        {
            return new LookupResult<T>(null, $"the URL-rewrite rules refuse the host of {UrlMasker.Mask(url)}");
        }

        url = routed;
        var spec = new DownloadSpec([url], UrlMasker.Mask(url), credentials);
        try
        {
            var value = await _http.Retry.ExecuteAsync(
                async token =>
                {
                    using var sent = await _http.Sender.SendAsync(spec, url, null, token).ConfigureAwait(false);
                    return await ReadAsync(sent.Response, parse, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            return new LookupResult<T>(value, null);
        }
        catch (AttemptFailedException ex)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new LookupResult<T>(null, ex.Message);
        }
        catch (JsonException)
        {
            return new LookupResult<T>(null, "the answer was not JSON");
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, Func<Stream, CancellationToken, Task<T>> parse, CancellationToken cancellationToken)
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
                return await parse(new BoundedStream(body, MaxDocumentBytes), idle.Token).ConfigureAwait(false);
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

/// <summary>A host's answer, or why there is none.</summary>
internal sealed record LookupResult<T>(T? Value, string? Failure)
    where T : class;

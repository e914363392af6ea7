using System.Net;
using System.Net.Http.Headers;
using Fetch.Build.Core.Credentials;

namespace Fetch.Build.Core.Http;

/// <summary>
/// Sends one GET and follows redirects itself, because HttpClient's own redirect handling strips
/// only <c>Authorization</c>: configured headers and tokens go to the origin each was given for
/// (<see cref="Credentials.RequestCredentials"/>) and nowhere else, and https never falls back to http. Waits first when the
/// host's rate budget says so, and reports unsuccessful statuses as <see cref="AttemptFailedException"/>.
/// </summary>
internal sealed class RequestSender
{
    private readonly HttpClient _client;
    private readonly IHostRateGate _gate;
    private readonly TimeProvider _time;
    private readonly DownloaderOptions _options;

    public RequestSender(HttpClient client, IHostRateGate gate, TimeProvider time, DownloaderOptions options)
    {
        _client = client;
        _gate = gate;
        _time = time;
        _options = options;
    }

    public Task<SentResponse> SendAsync(DownloadSpec spec, Uri url, RangeRequest? range, CancellationToken cancellationToken) =>
        SendAsync(spec, url, range, SendOptions.Get, cancellationToken);

    /// <summary>
    /// Sends <paramref name="options"/>' method (a GET, a HEAD, a PUT with its body) to
    /// <paramref name="url"/>. A redirect is followed as for a GET unless the options say to stop at it,
    /// and then the redirect itself is the answer (its headers can be what was asked for); a request
    /// with a body is never redirected.
    /// </summary>
    public async Task<SentResponse> SendAsync(DownloadSpec spec, Uri url, RangeRequest? range, SendOptions options, CancellationToken cancellationToken)
    {
        var current = url;
        for (var hop = 0; ; hop++)
        {
            await WaitForHostAsync(current, cancellationToken).ConfigureAwait(false);
            using var request = CreateRequest(spec, current, range, options);
            var response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            HoldBackIfSpent(response, current);
            if (IsRedirect(response.StatusCode) && !options.FollowRedirects)
            {
                return new SentResponse(response, current);
            }

            if (!IsRedirect(response.StatusCode) || options.Content is not null)
            {
                // 416 answers a resume of a file already complete; the caller decides.
                if (response.IsSuccessStatusCode || (range is not null && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable))
                {
                    return new SentResponse(response, current);
                }

                using (response)
                {
                    throw Refused(response, spec, current);
                }
            }

            var location = response.Headers.Location;
            var status = response.StatusCode;
            response.Dispose();
            current = NextHop(current, location, status, hop);
        }
    }

    private Uri NextHop(Uri current, Uri? location, HttpStatusCode status, int hop)
    {
        if (location is null)
        {
            throw AttemptFailedException.Permanent($"{StatusClassifier.Describe(status)} without a Location header");
        }

        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
        if (current.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps)
        {
            throw AttemptFailedException.Permanent($"refused a redirect from https to {UrlMasker.Mask(next)}");
        }

        if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
        {
            throw AttemptFailedException.Permanent($"refused a redirect to {UrlMasker.Mask(next)}");
        }

        if (hop >= _options.MaxRedirects)
        {
            throw AttemptFailedException.Permanent($"stopped after {_options.MaxRedirects} redirects (a redirect loop?), the last to {UrlMasker.Mask(next)}");
        }

        return next;
    }

    private static HttpRequestMessage CreateRequest(DownloadSpec spec, Uri url, RangeRequest? range, SendOptions options)
    {
        // User-info never goes out in the URL: when it is a credential, the grant for its origin sends it.
        var request = new HttpRequestMessage(options.Method, UserInfo.Strip(url)) { Content = options.Content };
        // Per hop: a redirect to another origin gets none of what this one was given.
        spec.Credentials.ApplyTo(request);

        if (range is not null)
        {
            request.Headers.Range = new RangeHeaderValue(range.From, range.To);
            request.Headers.TryAddWithoutValidation("If-Range", range.Validator);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The inactivity guard is real time on purpose: it measures a silent socket, not our schedule.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.Content is null)
        {
            // A request with a body (an upload) is answered only once the body is sent, however long
            // that takes: its caller guards the body's progress instead.
            idle.CancelAfter(_options.InactivityTimeout);
        }

        try
        {
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw AttemptFailedException.Unanswered($"no response within {StatusClassifier.Seconds(_options.InactivityTimeout)}");
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Only the error kind: exception text from lower layers is not ours to vouch for.
            var reason = $"cannot connect to {UrlMasker.Mask(request.RequestUri!)} ({ex.HttpRequestError})";
            throw AttemptFailedException.Unanswered(reason, isTransient: ex.HttpRequestError != HttpRequestError.SecureConnectionError);
        }
    }

    private async Task WaitForHostAsync(Uri url, CancellationToken cancellationToken)
    {
        if (_gate.BlockedUntil(HostRateGate.HostKey(url)) is not { } until)
        {
            return;
        }

        var wait = until - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait < _options.MaxRetryDelay ? wait : _options.MaxRetryDelay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Rate limits before they bite: an answer that is not a failure but says the budget is spent
    /// (<c>X-RateLimit-Remaining: 0</c>, <c>RateLimit: r=0</c>) makes the next request to that host
    /// wait for the reset, here and, through the gate, in other builds — instead of spending a
    /// request on a 429 or 403 to learn it. A failure's own wait is <see cref="Refused"/>'s.
    /// </summary>
    private void HoldBackIfSpent(HttpResponseMessage response, Uri url)
    {
        if ((int)response.StatusCode >= 400 || !RateLimitHeaders.IsExhausted(response))
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (RateLimitHeaders.AskedWait(response, now) is { } wait && wait > TimeSpan.Zero)
        {
            _gate.Block(HostRateGate.HostKey(url), now + (wait < _options.MaxRetryDelay ? wait : _options.MaxRetryDelay));
        }
    }

    private AttemptFailedException Refused(HttpResponseMessage response, DownloadSpec spec, Uri url)
    {
        var now = _time.GetUtcNow();
        var failure = StatusClassifier.Classify(response, spec, now, _options.MaxRetryDelay);
        failure.Status = response.StatusCode;
        if (failure is { IsTransient: true, RetryAfter: { } wait })
        {
            _gate.Block(HostRateGate.HostKey(url), now + wait);
        }

        return failure;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}

using System.Net;
using System.Net.Http.Headers;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Http;

/// <summary>
/// Downloads one artifact into a partial file, hashing every byte in order. Tries the sources in
/// order; follows redirects itself so configured headers and tokens never leave their host.
/// </summary>
internal sealed class Downloader : IDisposable
{
    private const int BufferSize = 1 << 16;
    private readonly DownloaderOptions _options;
    private readonly HttpClient _client;

    public Downloader(DownloaderOptions options, HttpMessageHandler? handler = null)
    {
        _options = options;
        _client = new HttpClient(handler ?? CreateHandler(), disposeHandler: true)
        {
            // The inactivity timeout below replaces a whole-request timeout: big files on slow links must live.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Fetch.Build", typeof(Downloader).Assembly.GetName().Version?.ToString(3) ?? "1.0"));
    }

    /// <summary>
    /// Writes the body to <paramref name="partialPath"/> (replacing what is there) and feeds every
    /// byte to <paramref name="hasher"/>. Throws <see cref="FetchException"/> (FB1002) when every
    /// source failed, <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public async Task<DownloadResult> DownloadAsync(DownloadSpec spec, string partialPath, ContentHasher hasher, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var source in spec.Sources)
        {
            try
            {
                return source.IsFile
                    ? await FileSource.CopyAsync(source, spec.MaskedUrl, partialPath, hasher, cancellationToken).ConfigureAwait(false)
                    : await DownloadHttpAsync(spec, source, partialPath, hasher, cancellationToken).ConfigureAwait(false);
            }
            catch (FetchException ex) when (ex.Diagnostic.Code == DiagnosticCatalog.DownloadFailedCode)
            {
                failures.Add(ex.Diagnostic.Message);
            }
        }

        var reason = failures.Count == 1 ? failures[0] : string.Join("; then ", failures);
        throw new FetchException(new FetchDiagnostic(DiagnosticCatalog.DownloadFailedCode, FetchSeverity.Error, reason));
    }

    public void Dispose() => _client.Dispose();

    private static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    private async Task<DownloadResult> DownloadHttpAsync(DownloadSpec spec, Uri source, string partialPath, ContentHasher hasher, CancellationToken cancellationToken)
    {
        var masked = UrlMasker.Mask(source);
        var origin = spec.Sources[0];
        var current = source;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (SameOrigin(current, origin))
            {
                foreach (var (name, value) in spec.Headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                if (!string.IsNullOrEmpty(spec.BearerToken))
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", spec.BearerToken);
                }
            }

            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw Failed(masked, $"cannot connect ({ex.HttpRequestError})", ex);
            }

            using (response)
            {
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (current.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps)
                    {
                        throw Failed(masked, $"refused a redirect from https to {UrlMasker.Mask(next)}");
                    }

                    if (hop >= _options.MaxRedirects)
                    {
                        throw Failed(masked, $"more than {_options.MaxRedirects} redirects");
                    }

                    current = next;
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw Failed(masked, StatusReason(response.StatusCode, spec));
                }

                await CopyBodyAsync(response, partialPath, hasher, masked, cancellationToken).ConfigureAwait(false);
                return new DownloadResult(source, hasher.Length, hasher.Length, response.Headers.ETag?.Tag, response.Content.Headers.LastModified?.ToString("R"));
            }
        }
    }

    private async Task CopyBodyAsync(HttpResponseMessage response, string partialPath, ContentHasher hasher, string masked, CancellationToken cancellationToken)
    {
        hasher.Reset();
        var expected = response.Content.Headers.ContentLength;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var output = new FileStream(partialPath, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                var buffer = new byte[BufferSize];
                while (true)
                {
                    idle.CancelAfter(_options.InactivityTimeout);
                    int read;
                    try
                    {
                        read = await body.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw Failed(masked, $"no data received for {_options.InactivityTimeout.TotalSeconds:0} s");
                    }
                    catch (IOException ex)
                    {
                        throw Failed(masked, $"the connection broke after {hasher.Length} bytes", ex);
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    hasher.Append(buffer.AsSpan(0, read));
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (expected is { } length && length != hasher.Length)
        {
            throw Failed(masked, $"the body ended after {hasher.Length} of {length} bytes");
        }
    }

    private static string StatusReason(HttpStatusCode status, DownloadSpec spec)
    {
        var text = $"HTTP {(int)status} {status}";
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && spec.BearerTokenVariable is { } variable && string.IsNullOrEmpty(spec.BearerToken))
        {
            text += $" (BearerTokenVariable names '{variable}', which is not set)";
        }

        return text;
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) &&
        a.Port == b.Port;

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static FetchException Failed(string maskedUrl, string reason, Exception? inner = null) =>
        new(DiagnosticCatalog.DownloadFailed(maskedUrl, reason), inner);
}

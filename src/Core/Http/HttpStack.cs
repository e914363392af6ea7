using System.Net;
using System.Net.Http.Headers;
using Polly;

namespace Fetch.Build.Core.Http;

/// <summary>
/// One run's HTTP machinery, shared by downloads and by the small look-ups hosts answer (digests,
/// records): one client and connection pool, one User-Agent, the redirect and credentials rules of
/// <see cref="RequestSender"/>, the host rate gate, and one retry policy. Built on first need: an
/// up-to-date build never pays for it.
/// </summary>
internal sealed class HttpStack : IDisposable
{
    private readonly HttpClient _client;

    /// <param name="options">Retry count, timeouts and internal knobs.</param>
    /// <param name="handler">
    /// The HTTP stack; tests inject one that trusts their certificate. It must not follow redirects
    /// or decompress: <see cref="RequestSender"/> does the first itself and downloads never want the second.
    /// </param>
    /// <param name="time">The clock of retry waits, rate-limit waits and progress.</param>
    /// <param name="rateGate">The rate budget of hosts, shared with whatever else the caller shares it with.</param>
    public HttpStack(DownloaderOptions options, HttpMessageHandler? handler, TimeProvider time, IHostRateGate rateGate)
    {
        Options = options;
        Time = time;
        _client = new HttpClient(handler ?? CreateHandler(options), disposeHandler: true)
        {
            // The inactivity timeout replaces a whole-request timeout: big files on slow links must live.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Fetch.Build", typeof(HttpStack).Assembly.GetName().Version?.ToString(3) ?? "1.0"));
        Sender = new RequestSender(_client, rateGate, time, options);
        Retry = RetryPolicy.Create(options, time);
    }

    public DownloaderOptions Options { get; }

    public TimeProvider Time { get; }

    public RequestSender Sender { get; }

    public ResiliencePipeline Retry { get; }

    public void Dispose() => _client.Dispose();

    private static SocketsHttpHandler CreateHandler(DownloaderOptions options) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = options.InactivityTimeout,
        // Per scheme, host and port, downloads, segments and look-ups together: requests beyond it wait for a free connection.
        MaxConnectionsPerServer = options.MaxConnectionsPerHost ?? int.MaxValue,
    };
}

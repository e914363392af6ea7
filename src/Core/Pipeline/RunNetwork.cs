using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Remote;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Rewrites;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// One run's network parts, built on first need: a run served from the cache never pays for an
/// HTTP stack, a retry pipeline or a downloader.
/// </summary>
internal sealed class RunNetwork : IDisposable
{
    private readonly Lazy<HttpStack> _http;
    private readonly Lazy<Downloader> _downloader;
    private readonly Lazy<ApiClient> _api;

    public RunNetwork(FetchSettings settings, FetchServices services, IHostRateGate rateGate, IFetchLog log, UrlRewriter? rewriter = null)
    {
        _http = new Lazy<HttpStack>(() => new HttpStack(DownloaderOptions.For(settings), services.HttpHandler, services.Time, rateGate));
        _downloader = new Lazy<Downloader>(() => new Downloader(_http.Value, log));
        Store = settings.RemoteCache is { } store && !settings.Offline
            ? new RemoteStore(store, new CredentialResolver(services.Environment, services.Hosts).ForStore(store, settings.RemoteCacheTokenVariable), settings.RemoteCacheTokenVariable, () => _http.Value)
            : null;
        _api = new Lazy<ApiClient>(() => new ApiClient(_http.Value, rewriter is null ? null : url => rewriter.Apply(url) is { IsRefused: false } routed ? routed.Url : null));
    }

    /// <summary>The shared content store (FetchRemoteCache); null without one, and always in offline mode, which never contacts it.</summary>
    public RemoteStore? Store { get; }

    public Downloader Downloader => _downloader.Value;

    public ApiClient Api => _api.Value;

    public void Dispose()
    {
        if (_http.IsValueCreated)
        {
            _http.Value.Dispose();
        }
    }
}

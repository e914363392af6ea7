using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fetch.Build.TestSupport;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a port of its own. Tests register routes, then read
/// the server's own counts (requests per path, concurrent connections) to assert on behaviour.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RouteHandler> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _inFlight;
    private int _maxInFlight;

    private LoopbackServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>A route handler: the request context and the 1-based attempt number for that path.</summary>
    public delegate Task RouteHandler(HttpContext context, int attempt);

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public int TotalRequests => _requests.Count;

    /// <summary>The most requests the server was handling at one moment.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static Task<LoopbackServer> StartAsync(string host = "127.0.0.1") => StartCoreAsync(host, null);

    /// <summary>An https server presenting <paramref name="certificate"/> (see <see cref="TestCertificates"/>).</summary>
    public static Task<LoopbackServer> StartHttpsAsync(X509Certificate2 certificate, string host = "127.0.0.1") => StartCoreAsync(host, certificate);

    private static async Task<LoopbackServer> StartCoreAsync(string host, X509Certificate2? certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Parse(host), 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
            options.Limits.MaxConcurrentConnections = null;
        });
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Run(server.DispatchAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    /// <summary>Serves fixed content with ETag and byte-range support, as a static file server does.</summary>
    public void Serve(string path, byte[] content, string etag = "\"v1\"") =>
        Handle(path, (context, _) => StaticContent.WriteAsync(context, content, etag));

    public void Handle(string path, RouteHandler handler) => _routes["/" + path.TrimStart('/')] = handler;

    public int RequestCount(string path) => _counts.TryGetValue("/" + path.TrimStart('/'), out var count) ? count : 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var attempt = _counts.AddOrUpdate(path, 1, (_, n) => n + 1);
        _requests.Enqueue(new RecordedRequest(path, context.Request.Method,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            if (_routes.TryGetValue(path, out var handler))
            {
                await handler(context, attempt).ConfigureAwait(false);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

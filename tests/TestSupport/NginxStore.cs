using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Fetch.Build.TestSupport;

/// <summary>
/// A real nginx (Debian's, <c>apt-get install nginx</c>; <c>NGINX</c> names another binary) on
/// 127.0.0.1 with a port of its own, as the remote content store: <c>/cas/</c> served from a
/// temp folder, with WebDAV <c>PUT</c> (<c>dav_methods PUT; create_full_put_path on;</c>). Its
/// access log is the store's own record of every request. Stopped and deleted on dispose.
/// </summary>
public sealed class NginxStore : IAsyncDisposable
{
    private readonly TempDirectory _folder;
    private readonly Process _process;

    private NginxStore(TempDirectory folder, Process process, int port)
    {
        _folder = folder;
        _process = process;
        BaseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    /// <summary>The store's base URL: blobs are at <c>cas/&lt;sha256&gt;</c> below it.</summary>
    public Uri BaseUri { get; }

    /// <summary>Every request nginx logged, in order.</summary>
    public IReadOnlyList<StoreRequest> Requests
    {
        get
        {
            var log = Path.Combine(_folder.Path, "access.log");
            return File.Exists(log) ? File.ReadAllLines(log).Select(StoreRequest.Parse).ToList() : [];
        }
    }

    /// <summary>
    /// Starts nginx. <paramref name="options"/>: a bearer token it requires, statuses it answers
    /// instead of serving, a per-connection rate limit.
    /// </summary>
    public static async Task<NginxStore> StartAsync(NginxStoreOptions? options = null)
    {
        var binary = Environment.GetEnvironmentVariable("NGINX") is { Length: > 0 } named ? named : "/usr/sbin/nginx";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"nginx is not installed at {binary}: `apt-get install nginx` (.ci/run does it), or set NGINX to its path.");
        }

        // A port is only ours once nginx holds it: another process may take a free one first.
        for (var attempt = 1; ; attempt++)
        {
            var folder = new TempDirectory("fetch-nginx");
            var port = FreePort();
            File.WriteAllText(Path.Combine(folder.Path, "nginx.conf"), Config(folder.Path, port, options ?? new NginxStoreOptions()));
            Directory.CreateDirectory(Path.Combine(folder.Path, "data", "cas"));
            Directory.CreateDirectory(Path.Combine(folder.Path, "tmp"));
            var process = Process.Start(new ProcessStartInfo(binary)
            {
                ArgumentList = { "-p", folder.Path, "-c", Path.Combine(folder.Path, "nginx.conf"), "-e", Path.Combine(folder.Path, "error.log") },
                UseShellExecute = false,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            if (await WaitUntilListeningAsync(process, port))
            {
                return new NginxStore(folder, process, port);
            }

            var error = File.Exists(Path.Combine(folder.Path, "error.log")) ? File.ReadAllText(Path.Combine(folder.Path, "error.log")) : string.Empty;
            process.Dispose();
            folder.Dispose();
            if (attempt == 5)
            {
                throw new InvalidOperationException($"nginx did not start: {error}");
            }
        }
    }

    /// <summary>A URL on 127.0.0.1 where nothing listens: a store that is down.</summary>
    public static Uri ClosedPortUri() => new($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}/");

    public string BlobPath(string sha256) => Path.Combine(_folder.Path, "data", "cas", sha256);

    /// <summary>Puts <paramref name="content"/> in the store under <paramref name="sha256"/> — its own digest unless a test wants a lie.</summary>
    public void Put(byte[] content, string? sha256 = null) =>
        File.WriteAllBytes(BlobPath(sha256 ?? Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant()), content);

    public byte[]? Blob(string sha256) => File.Exists(BlobPath(sha256)) ? File.ReadAllBytes(BlobPath(sha256)) : null;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Dispose();
    }

    private static string Config(string folder, int port, NginxStoreOptions options)
    {
        var refusals = string.Concat(options.Refusals.Select(r => $"if ($request_method = {r.Method}) {{ return {r.Status.ToString(CultureInfo.InvariantCulture)}; }}\n      "));
        var bearer = options.RequiredBearer is { } token ? $"if ($http_authorization != \"Bearer {token}\") {{ return 401; }}\n      " : string.Empty;
        var rate = options.LimitRate is { } limit ? $"limit_rate {limit};" : string.Empty;
        // Workers of a root master run as nobody, who cannot enter a 0700 temp folder.
        var user = Environment.IsPrivilegedProcess ? "user root;" : string.Empty;
        return $$"""
            {{user}}
            worker_processes 1;
            daemon off;
            pid {{folder}}/nginx.pid;
            events { worker_connections 256; }
            http {
              log_format store '$request_method $uri $status "$http_authorization"';
              access_log {{folder}}/access.log store;
              client_body_temp_path {{folder}}/tmp/body;
              proxy_temp_path {{folder}}/tmp/proxy;
              fastcgi_temp_path {{folder}}/tmp/fastcgi;
              uwsgi_temp_path {{folder}}/tmp/uwsgi;
              scgi_temp_path {{folder}}/tmp/scgi;
              default_type application/octet-stream;
              sendfile on;
              server {
                listen 127.0.0.1:{{port}};
                root {{folder}}/data;
                location /cas/ {
                  {{bearer}}{{refusals}}dav_methods PUT;
                  create_full_put_path on;
                  client_max_body_size 0;
                  {{rate}}
                }
              }
            }
            """;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits for the state, not for a time: nginx accepts a connection, or its process has ended.</summary>
    private static async Task<bool> WaitUntilListeningAsync(Process process, int port)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!process.HasExited && !deadline.IsCancellationRequested)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(20, deadline.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        return false;
    }
}

/// <summary>How the test store deviates from a plain one.</summary>
public sealed record NginxStoreOptions
{
    /// <summary>A token every <c>/cas/</c> request must bring as <c>Authorization: Bearer …</c>, else 401.</summary>
    public string? RequiredBearer { get; init; }

    /// <summary>Methods answered with a status instead of being served: <c>("PUT", 500)</c>.</summary>
    public IReadOnlyList<(string Method, int Status)> Refusals { get; init; } = [];

    /// <summary>nginx's <c>limit_rate</c> per connection (<c>"10m"</c>), for a slow store.</summary>
    public string? LimitRate { get; init; }
}

/// <summary>One line of the store's access log.</summary>
public sealed record StoreRequest(string Method, string Path, int Status, string Authorization)
{
    public static StoreRequest Parse(string line)
    {
        var parts = line.Split(' ', 4);
        // nginx logs an empty variable as "-".
        var authorization = parts[3].Trim('"');
        return new StoreRequest(parts[0], parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture), authorization == "-" ? string.Empty : authorization);
    }
}

using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Integrity;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Http;

/// <summary>
/// A loopback server, a partial file, a fake clock and a private rate gate: one downloader test's
/// world. Retry waits go through <see cref="Time"/>, so they take no real time.
/// </summary>
internal sealed class DownloadHarness : IAsyncDisposable
{
    private readonly TempDirectory _temp = new("fetch-http");

    private DownloadHarness(LoopbackServer server)
    {
        Server = server;
    }

    public LoopbackServer Server { get; }

    public FakeTimeProvider Time { get; } = new();

    public HostRateGate Gate { get; } = new();

    public RecordingLog Log { get; } = new();

    public DownloaderOptions Options { get; set; } = new(RetryCount: 3, InactivityTimeout: TimeSpan.FromSeconds(10), MaxRetryDelay: TimeSpan.FromSeconds(120));

    public string PartialPath => _temp.Combine("artifact.part");

    public string SidecarPath => PartialPath + ".meta";

    public static async Task<DownloadHarness> StartAsync() => new(await LoopbackServer.StartAsync());

    public Uri Url(string path) => Server.Url(path);

    public static DownloadSpec Spec(params Uri[] sources) => new(sources, UrlMasker.Mask(sources[0]), RequestCredentials.None);

    /// <summary>A spec whose first source's origin is given <paramref name="headers"/> and, when set, a bearer token.</summary>
    public static DownloadSpec Spec(Uri[] sources, IReadOnlyList<KeyValuePair<string, string>> headers, string? token, string? unsetVariable = null) =>
        new(sources, UrlMasker.Mask(sources[0]), new RequestCredentials(
            [new CredentialGrant(sources[0], headers, token is null ? null : RequestCredentials.Bearer(token))], unsetVariable));

    public Downloader CreateDownloader(HttpStack stack) => new(stack, Log);

    public HttpStack CreateStack(HttpMessageHandler? handler = null) => new(Options, handler, Time, Gate);

    public async Task<Downloaded> DownloadAsync(DownloadSpec spec, CancellationToken cancellationToken = default, HttpMessageHandler? handler = null)
    {
        using var stack = CreateStack(handler);
        var downloader = CreateDownloader(stack);
        using var hasher = new ContentHasher([]);
        var result = await downloader.DownloadAsync(spec, PartialPath, hasher, cancellationToken);
        var digests = hasher.Finish();
        return new Downloaded(result, await File.ReadAllBytesAsync(PartialPath, CancellationToken.None), digests.Sha256, digests.Length);
    }

    public Task<Downloaded> DownloadAsync(string path) => DownloadAsync(Spec(Url(path)));

    /// <summary>Runs a download that must fail with FB1002 and returns its message.</summary>
    public async Task<string> FailAsync(DownloadSpec spec, HttpMessageHandler? handler = null)
    {
        var error = Assert.ThrowsAsync<FetchException>(() => DownloadAsync(spec, CancellationToken.None, handler));
        Assert.That(error!.Diagnostic.Code, Is.EqualTo(DiagnosticCatalog.DownloadFailedCode));
        return error.Message;
    }

    public Task<string> FailAsync(string path) => FailAsync(Spec(Url(path)));

    /// <summary>Waits until the partial file holds at least <paramref name="length"/> bytes (a state, polled; fails after 10 s).</summary>
    public async Task WaitForPartialAsync(long length)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!File.Exists(PartialPath) || new FileInfo(PartialPath).Length < length)
        {
            await Task.Delay(10, limit.Token);
        }
    }

    public IEnumerable<RecordedRequest> RequestsTo(string path) => Server.Requests.Where(r => r.Path == "/" + path.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>What a download left: its result, the partial's bytes, and what the hasher saw.</summary>
    internal sealed record Downloaded(DownloadResult Result, byte[] Content, string HashedSha256, long HashedLength);
}

using Fetch.Build.Core.Hosts;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Pipeline;

/// <summary>A cache folder, a project folder and a loopback server, driving Core without MSBuild.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private readonly TempDirectory _root = new("fetch-pipeline");

    private PipelineHarness(LoopbackServer server)
    {
        Server = server;
        CacheDirectory = _root.Combine("cache");
        ProjectDirectory = _root.Combine("project");
        Directory.CreateDirectory(ProjectDirectory);
    }

    public LoopbackServer Server { get; }

    public string CacheDirectory { get; set; }

    public string ProjectDirectory { get; set; }

    public string Root => _root.Path;

    public Dictionary<string, string?> Environment { get; } = [];

    /// <summary>Where the hosts that publish digests live; tests point them at the loopback server.</summary>
    public HostEndpoints Hosts { get; set; } = new();

    /// <summary>The runs' clock; a fake one makes waits take no time and lets tests assert on them.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>The HTTP handler the runs use; null for the real one.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    public static async Task<PipelineHarness> StartAsync() => new(await LoopbackServer.StartAsync());

    public string Url(string path) => Server.Url(path).AbsoluteUri;

    public string Placed(string fileName) => Path.Combine(ProjectDirectory, "obj", "fetch", fileName);

    public static RawArtifact Artifact(string url, params (string Name, string Value)[] metadata) =>
        new(url, metadata.ToDictionary(m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase));

    /// <summary>Serves the sample.tar.gz fixture; <see cref="SampleTree"/> is an item that extracts it to obj/fetch/sample.</summary>
    public byte[] ServeSampleArchive()
    {
        var archive = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Archives", "sample.tar.gz"));
        Server.Serve("sample.tar.gz", archive);
        return archive;
    }

    public RawArtifact SampleTree(byte[] archive) =>
        Artifact(Url("sample.tar.gz"), ("Sha256", TestData.Sha256(archive)), ("Extract", "true"), ("StripComponents", "1"));

    public Task<(FetchOutcome Outcome, RecordingLog Log)> RunAsync(params RawArtifact[] artifacts) => RunAsync(null, artifacts);

    /// <summary>As the task runs it: the MSBuild-shaped front, every step of the project's build.</summary>
    public async Task<(FetchOutcome Outcome, RecordingLog Log)> RunAsync(RawSettings? settings, params RawArtifact[] artifacts)
    {
        var log = new RecordingLog();
        settings ??= new RawSettings();
        var effective = settings.With("FetchCacheDirectory", settings.Properties.GetValueOrDefault("FetchCacheDirectory") ?? CacheDirectory) with
        {
            ProjectDirectory = ProjectDirectory,
            DefaultDestinationFolder = "obj/fetch",
            StateFile = settings.StateFile ?? "obj/Fetch.Build.state",
        };
        var services = new FetchServices
        {
            Environment = new FetchEnvironment(Environment),
            ProcessRateGate = new HostRateGate(),
            Hosts = Hosts,
            Time = Time,
            HttpHandler = HttpHandler,
        };
        var outcome = await ArtifactFetcher.RunAsync(artifacts, effective, log, services, CancellationToken.None);
        return (outcome, log);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _root.Dispose();
    }
}

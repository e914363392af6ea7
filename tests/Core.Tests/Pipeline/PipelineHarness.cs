using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;
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

    public static async Task<PipelineHarness> StartAsync() => new(await LoopbackServer.StartAsync());

    public string Url(string path) => Server.Url(path).AbsoluteUri;

    public string Placed(string fileName) => Path.Combine(ProjectDirectory, "obj", "fetch", fileName);

    public static RawArtifact Artifact(string url, params (string Name, string Value)[] metadata) =>
        new(url, metadata.ToDictionary(m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase));

    public Task<(FetchOutcome Outcome, RecordingLog Log)> RunAsync(RawSettings? settings, params RawArtifact[] artifacts) =>
        RunAsync(ArtifactFetcher.RunAsync, settings, artifacts);

    public Task<(FetchOutcome Outcome, RecordingLog Log)> RunAsync(params RawArtifact[] artifacts) => RunAsync(null, artifacts);

    /// <summary>As the task runs: with the steps that concern the whole project (<see cref="ProjectFetch"/>).</summary>
    public Task<(FetchOutcome Outcome, RecordingLog Log)> RunProjectAsync(params RawArtifact[] artifacts) =>
        RunAsync(ProjectFetch.RunAsync, null, artifacts);

    private async Task<(FetchOutcome Outcome, RecordingLog Log)> RunAsync(Entry entry, RawSettings? settings, RawArtifact[] artifacts)
    {
        var log = new RecordingLog();
        var effective = (settings ?? new RawSettings()) with
        {
            CacheDirectory = settings?.CacheDirectory ?? CacheDirectory,
            ProjectDirectory = ProjectDirectory,
            DefaultDestinationFolder = "obj/fetch",
            StateFile = settings?.StateFile ?? "obj/Fetch.Build.state",
        };
        var outcome = await entry(artifacts, effective, log, name => Environment.GetValueOrDefault(name), null, TimeProvider.System, CancellationToken.None);
        return (outcome, log);
    }

    private delegate Task<FetchOutcome> Entry(
        IReadOnlyList<RawArtifact> artifacts, RawSettings settings, Core.Diagnostics.IFetchLog log, Func<string, string?> environment, HttpMessageHandler? handler, TimeProvider time, CancellationToken cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _root.Dispose();
    }
}

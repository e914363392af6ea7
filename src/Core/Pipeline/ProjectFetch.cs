using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// What one project's build does with its DownloadArtifact items: names metadata that looks
/// misspelled (FB1019), removes what an earlier build placed and no item declares any more, then
/// resolves every artifact (<see cref="ArtifactFetcher"/>). The task's way in; steps that concern
/// the project rather than one artifact go here.
/// </summary>
public static class ProjectFetch
{
    public static Task<FetchOutcome> RunAsync(IReadOnlyList<RawArtifact> artifacts, RawSettings settings, IFetchLog log, CancellationToken cancellationToken) =>
        RunAsync(artifacts, settings, log, Environment.GetEnvironmentVariable, null, TimeProvider.System, cancellationToken);

    internal static Task<FetchOutcome> RunAsync(
        IReadOnlyList<RawArtifact> artifacts,
        RawSettings settings,
        IFetchLog log,
        Func<string, string?> environment,
        HttpMessageHandler? handler,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        MetadataSpelling.Report(artifacts, log);
        var stale = StaleDestinations.Find(artifacts, settings, environment);
        Task<FetchOutcome> Fetch() => ArtifactFetcher.RunAsync(artifacts, settings, log, environment, handler, time, cancellationToken);
        // Not async on the way through: an async method's start is compiled on every build (docs/design.md, ReadyToRun).
        return stale is null ? Fetch() : RemoveThenFetchAsync(stale, log, Fetch, cancellationToken);
    }

    private static async Task<FetchOutcome> RemoveThenFetchAsync(StaleDestinations stale, IFetchLog log, Func<Task<FetchOutcome>> fetch, CancellationToken cancellationToken)
    {
        await stale.RemoveAsync(log, cancellationToken).ConfigureAwait(false);
        return await fetch().ConfigureAwait(false);
    }
}

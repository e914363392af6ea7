using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// The one typed entry point: validated requests and settings in, one outcome per artifact out.
/// The task, the tool and the library all come through here. Checks that need no request come
/// first (collisions), then the no-op answer from the project's state file, then the cache.
/// </summary>
internal static class FetchRun
{
    public static async Task<FetchOutcome> RunAsync(IReadOnlyList<ArtifactRequest> requests, FetchSettings settings, FetchServices services, IFetchLog runLog, CancellationToken cancellationToken)
    {
        var log = new ErrorTrackingLog(runLog);
        var logs = new ArtifactLog[requests.Count];
        for (var i = 0; i < logs.Length; i++)
        {
            logs[i] = new ArtifactLog(log);
        }

        CollisionCheck.Find(requests, (index, error) => logs[index].Report(error));
        if (log.HasErrors)
        {
            return Outcome(requests, [], logs, false);
        }

        // What an earlier build placed and no item declares any more goes first, so that a new
        // artifact never finds an old one in its way. Nearly every build finds nothing.
        if (StaleDestinations.Find(requests, settings) is { } stale)
        {
            await stale.RemoveAsync(log, cancellationToken).ConfigureAwait(false);
        }

        if (requests.Count == 0)
        {
            return Outcome(requests, [], logs, true);
        }

        var started = services.Time.GetTimestamp();
        if (UpToDateShortcut.TryAnswer(requests, settings, logs) is { } upToDate)
        {
            RunSummary.Report(log, upToDate, 0, 0, services.Time.GetElapsedTime(started));
            return Outcome(requests, upToDate, logs, !log.HasErrors);
        }

        if (settings.DesignTime && !Directory.Exists(settings.CacheDirectory))
        {
            // IDE builds never fetch, and there is nothing cached to report.
            return Outcome(requests, [], logs, true);
        }

        using var cache = CacheContext.Open(settings.CacheDirectory, log, services.Time);
        if (cache is null)
        {
            return Outcome(requests, [], logs, false);
        }

        if (!settings.DesignTime)
        {
            // Partials and temps nothing will finish: a full disk must not stay full.
            StaleFiles.Sweep(cache.Layout, services.Time.GetUtcNow());
        }

        // Waits a server asks for are shared with every build on the machine through the registry.
        using var network = new RunNetwork(settings, services, new RegistryHostRateGate(cache.Registry, services.ProcessRateGate), log);
        var processor = RunWiring.Processor(cache, network, settings, services);
        var fetched = await ArtifactWorkers.RunAsync(requests, logs, processor, settings, cancellationToken).ConfigureAwait(false);

        var complete = Array.TrueForAll(fetched, f => f is not null);
        StateFile.Save(settings, processor.Placed, complete);
        if (settings.CacheMaxSize is { } cap && processor.TransferredBytes > 0)
        {
            // Only a build that added content can have pushed the cache past its cap.
            Maintenance.CacheCap.Trim(cache, cap, processor.UsedContent, log, services.Time.GetUtcNow());
        }

        RunSummary.Report(log, fetched.OfType<FetchedArtifact>().ToList(), processor.TransferredBytes, processor.Worked, services.Time.GetElapsedTime(started));
        return Outcome(requests, fetched, logs, !log.HasErrors);
    }

    private static FetchOutcome Outcome(IReadOnlyList<ArtifactRequest> requests, IReadOnlyList<FetchedArtifact?> fetched, ArtifactLog[] logs, bool succeeded)
    {
        var results = new ArtifactOutcome[requests.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = new ArtifactOutcome(requests[i].MaskedUrl, i < fetched.Count ? fetched[i] : null, logs[i].Diagnostics);
        }

        return new FetchOutcome(results, succeeded);
    }
}

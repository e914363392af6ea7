using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Pinning;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Rewrites;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// The one typed entry point: validated requests and settings in, one outcome per artifact out.
/// The task, the tool and the library all come through here. Checks that need no request come
/// first (collisions, locked mode's lock file), then the no-op answer from the project's state
/// file, then the cache; the lock file is brought up to date last.
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

        // Locked mode: the lock file must pin every artifact before anything is touched or requested.
        var locked = settings.LockFile is not null && settings.LockedMode && !settings.DesignTime && requests.Count > 0
            ? LockedModeCheck.Run(requests, settings, log)
            : null;
        if (log.HasErrors)
        {
            return Outcome(requests, [], logs, false);
        }

        // With no item left, the lock file entries this project declared go; the state file says which, and goes next.
        var lockBeforeAllRemoved = requests.Count == 0 ? RememberedLock(settings) : null;

        // What an earlier build placed and no item declares any more goes first, so that a new
        // artifact never finds an old one in its way. Nearly every build finds nothing.
        if (StaleDestinations.Find(requests, settings) is { } stale)
        {
            await stale.RemoveAsync(log, cancellationToken).ConfigureAwait(false);
        }

        if (requests.Count == 0)
        {
            if (lockBeforeAllRemoved is not null && LockFileLoad.Read(lockBeforeAllRemoved.Path, log, out _) is { } current)
            {
                await UpdateLockFileAsync(new RunResults([], [], []), Pins.From(current, [], settings), current, lockBeforeAllRemoved, settings, log, cancellationToken).ConfigureAwait(false);
            }

            return Outcome(requests, [], logs, !log.HasErrors);
        }

        var started = services.Time.GetTimestamp();
        if (UpToDateShortcut.TryAnswer(requests, settings, logs, locked) is { } upToDate)
        {
            RunSummary.Report(log, upToDate, 0, 0, services.Time.GetElapsedTime(started));
            return Outcome(requests, upToDate, logs, !log.HasErrors);
        }

        if (settings.DesignTime && !Directory.Exists(settings.CacheDirectory))
        {
            // IDE builds never fetch, and there is nothing cached to report.
            return Outcome(requests, [], logs, true);
        }

        // Rewrite rules matter only to requests: a no-op or IDE build never reads the file.
        var rewriter = settings.DesignTime ? null : LoadRewrites(settings, log);
        if (rewriter is not null)
        {
            requests = RequestRewrites.Apply(requests, rewriter, (index, error) => logs[index].Report(error), log);
        }

        if (settings.UrlRewriteFile is not null && log.HasErrors)
        {
            // FB1015, FB1017: before any request, as for invalid metadata.
            return Outcome(requests, [], logs, false);
        }

        if (!settings.DesignTime && !settings.Offline && SurelyFetches(requests, settings.CacheDirectory))
        {
            // Beside the cache's opening, on another core: the first request goes out sooner.
            Http.HttpWarmUp.Start(Http.DownloaderOptions.For(settings));
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

        // The lock file, read once for the run (locked mode has read it already).
        var lockFile = settings.LockFile is { } lockPath ? locked ?? LockFileLoad.Read(lockPath, log, out _) : null;
        if (settings.LockFile is not null && lockFile is null)
        {
            return Outcome(requests, [], logs, false);
        }

        var pins = lockFile is not null ? Pins.From(lockFile, requests, settings) : Pins.ItemsOnly(settings);

        // Waits a server asks for are shared with every build on the machine through the registry.
        using var network = new RunNetwork(settings, services, new RegistryHostRateGate(cache.Registry, services.ProcessRateGate), log, rewriter);
        var processor = RunWiring.Processor(cache, network, settings, services, pins);
        var fetched = await ArtifactWorkers.RunAsync(requests, logs, processor, settings, cancellationToken).ConfigureAwait(false);

        var lockRecord = lockFile is not null
            ? await UpdateLockFileAsync(new RunResults(requests, fetched, logs), pins, lockFile, RememberedLock(settings), settings, log, cancellationToken).ConfigureAwait(false)
            : null;
        var complete = Array.TrueForAll(fetched, f => f is not null);
        StateFile.Save(settings, processor.Placed, complete, lockRecord);
        if (settings.CacheMaxSize is { } cap && processor.TransferredBytes > 0)
        {
            // Only a build that added content can have pushed the cache past its cap.
            Maintenance.CacheCap.Trim(cache, cap, processor.UsedContent, log, services.Time.GetUtcNow());
        }

        RunSummary.Report(log, fetched.OfType<FetchedArtifact>().ToList(), processor.TransferredBytes, processor.Worked, services.Time.GetElapsedTime(started), network.Store);
        return Outcome(requests, fetched, logs, !log.HasErrors);
    }

    /// <summary>What the state file remembers of the lock file, read before anything rewrites or deletes it.</summary>
    private static LockRecord? RememberedLock(FetchSettings settings) =>
        settings.LockFile is not null && !settings.DesignTime && settings.StateFile is { } path && File.Exists(path) ? StateFile.Read(path).Lock : null;

    /// <summary>The lock file brought up to date with the run (compared only, in locked mode); design-time builds never write it.</summary>
    private static Task<LockRecord?> UpdateLockFileAsync(RunResults run, Pins pins, LockFile loaded, LockRecord? former, FetchSettings settings, IFetchLog log, CancellationToken cancellationToken)
    {
        if (settings.DesignTime)
        {
            return Task.FromResult<LockRecord?>(null);
        }

        return LockFileUpdate.RunAsync(run, pins, loaded, former, settings, log, cancellationToken);
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

    /// <summary>
    /// True when a request's declared content is not in the store: this run will send requests.
    /// Only then is the HTTP stack warmed up, since on a warm cache that work would compete with
    /// the placement for this machine's cores. A stat per pinned artifact; unpinned ones say nothing.
    /// </summary>
    internal static bool SurelyFetches(IReadOnlyList<ArtifactRequest> requests, string cacheDirectory)
    {
        var store = new ContentStore(new CacheLayout(cacheDirectory));
        foreach (var request in requests)
        {
            foreach (var digest in request.Digests)
            {
                if (digest.Algorithm == Integrity.DigestAlgorithm.Sha256 && store.SizeOf(digest.Hex) is null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static UrlRewriter? LoadRewrites(FetchSettings settings, IFetchLog log)
    {
        if (settings.UrlRewriteFile is not { } path)
        {
            return null;
        }

        try
        {
            return RewriteFile.Load(path);
        }
        catch (FetchException ex)
        {
            log.Report(ex.Diagnostic);
            return null;
        }
    }
}

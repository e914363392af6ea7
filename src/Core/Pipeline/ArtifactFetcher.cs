using System.Globalization;
using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// The one entry point: validates every item, then resolves each artifact through the cache,
/// a bounded number at once, and reports one summary line.
/// </summary>
public static class ArtifactFetcher
{
    public static Task<FetchOutcome> RunAsync(IReadOnlyList<RawArtifact> artifacts, RawSettings settings, IFetchLog log, CancellationToken cancellationToken) =>
        RunAsync(artifacts, settings, log, Environment.GetEnvironmentVariable, null, TimeProvider.System, cancellationToken);

    internal static async Task<FetchOutcome> RunAsync(
        IReadOnlyList<RawArtifact> artifacts,
        RawSettings rawSettings,
        IFetchLog innerLog,
        Func<string, string?> environment,
        HttpMessageHandler? handler,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var log = new ErrorTrackingLog(innerLog);
        var errors = new List<FetchDiagnostic>();
        var settings = SettingsParser.Parse(rawSettings, environment, errors);
        var requests = artifacts.Select(a => RequestParser.Parse(a, settings, errors)).OfType<ArtifactRequest>().ToList();
        CollisionCheck.Find(requests, errors);
        errors.ForEach(log.Report);
        if (errors.Count > 0 || requests.Count == 0)
        {
            return new FetchOutcome([], errors.Count == 0);
        }

        var started = time.GetTimestamp();
        if (UpToDateShortcut.TryAnswer(requests, settings, log) is { } upToDate)
        {
            ReportSummary(log, upToDate, 0, 0, time.GetElapsedTime(started));
            return new FetchOutcome(upToDate, !log.HasErrors);
        }

        if (settings.DesignTime && !Directory.Exists(settings.CacheDirectory))
        {
            return new FetchOutcome([], true);
        }

        using var cache = OpenCache(settings, log, time);
        if (cache is null)
        {
            return new FetchOutcome([], false);
        }

        // Built on first need: an up-to-date build never pays for an HTTP stack or a retry pipeline.
        // Waits a server asks for are shared with every build on the machine through the registry.
        var downloader = new Lazy<Downloader>(() => new Downloader(
            new DownloaderOptions(settings.RetryCount, settings.Timeout, settings.MaxRetryDelay), handler, log, time, new RegistryHostRateGate(cache.Registry, HostRateGate.Shared)));
        using var disposeDownloader = new LazyDisposal<Downloader>(downloader);
        var zenodo = new Lazy<ZenodoChecksums>(() => new ZenodoChecksums(handler, settings.ZenodoHosts));
        using var disposeZenodo = new LazyDisposal<ZenodoChecksums>(zenodo);
        var processor = new ArtifactProcessor(cache, new ContentResolver(cache, downloader, zenodo, settings, log, environment), settings, log);
        var results = new FetchedArtifact?[requests.Count];
        // A few workers taking the next artifact in turn. (Parallel.ForEachAsync did the same with
        // some twenty generic methods over int that are not in the ReadyToRun image and were
        // compiled on every build.)
        var next = -1;
        var workers = new Task[Math.Min(settings.MaxParallelDownloads, requests.Count)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(
                async () =>
                {
                    for (var i = Interlocked.Increment(ref next); i < requests.Count; i = Interlocked.Increment(ref next))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        results[i] = await ProcessOneAsync(processor, requests[i], settings, log, cancellationToken).ConfigureAwait(false);
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);

        var fetched = results.OfType<FetchedArtifact>().ToList();
        SaveState(settings, processor.Placed, fetched.Count == requests.Count);
        ReportSummary(log, fetched, processor.TransferredBytes, processor.Worked, time.GetElapsedTime(started));
        return new FetchOutcome(fetched, !log.HasErrors);
    }

    private static async Task<FetchedArtifact?> ProcessOneAsync(ArtifactProcessor processor, ArtifactRequest request, FetchSettings settings, IFetchLog log, CancellationToken cancellationToken)
    {
        try
        {
            return await processor.ProcessAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (FetchException ex)
        {
            log.Report(ex.Diagnostic);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Report(DiagnosticCatalog.CacheUnusable(request.MaskedUrl, settings.CacheDirectory, ex.Message));
        }

        return null;
    }

    private static CacheContext? OpenCache(FetchSettings settings, IFetchLog log, TimeProvider time)
    {
        var layout = new CacheLayout(settings.CacheDirectory);
        try
        {
            layout.EnsureFolders();
            var store = new ContentStore(layout);
            var registry = CacheRegistry.Open(layout, store, time,
                warning => log.Report(new FetchDiagnostic(DiagnosticCatalog.CorruptCacheEntryCode, FetchSeverity.Warning, warning)));
            return new CacheContext(layout, store, registry);
        }
        catch (FetchException ex)
        {
            log.Report(ex.Diagnostic);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            log.Report(DiagnosticCatalog.CacheUnusable("the cache", settings.CacheDirectory, ex.Message));
            return null;
        }
    }

    /// <summary>Records what the destinations hold for the next no-op build; only a complete, successful run is worth recording.</summary>
    private static void SaveState(FetchSettings settings, IReadOnlyCollection<PlacedArtifact> placed, bool complete)
    {
        if (settings.StateFile is not { } path || settings.DesignTime)
        {
            return;
        }

        try
        {
            if (complete)
            {
                StateFile.Write(path, placed);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The state file only saves time; the next build takes the full path without it.
        }
    }

    private static void ReportSummary(IFetchLog log, IReadOnlyList<FetchedArtifact> fetched, long transferredBytes, int worked, TimeSpan elapsed)
    {
        var fromCache = fetched.Count(a => a.FromCache);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Fetch.Build: {fetched.Count} artifact(s), {fromCache} from cache, {transferredBytes} bytes downloaded, in {elapsed.TotalSeconds:0.00} s.");
        // A build that did real work says so at normal verbosity; an up-to-date one stays quiet.
        log.Message(text, important: worked > 0);
    }
}

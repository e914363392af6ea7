using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pipeline;

/// <summary>A few workers taking the next artifact in turn, at most FetchMaxParallelDownloads at once.</summary>
internal static class ArtifactWorkers
{
    /// <summary>What each artifact placed, in request order; null where it failed (its log says why).</summary>
    public static async Task<FetchedArtifact?[]> RunAsync(IReadOnlyList<ArtifactRequest> requests, ArtifactLog[] logs, ArtifactProcessor processor, FetchSettings settings, CancellationToken cancellationToken)
    {
        var results = new FetchedArtifact?[requests.Count];
        // Plain workers: Parallel.ForEachAsync did the same with some twenty generic methods over
        // int that are not in the ReadyToRun image and were compiled on every build.
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
                        results[i] = await ProcessOneAsync(processor, requests[i], logs[i], settings, cancellationToken).ConfigureAwait(false);
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        return results;
    }

    private static async Task<FetchedArtifact?> ProcessOneAsync(ArtifactProcessor processor, ArtifactRequest request, IFetchLog log, FetchSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await processor.ProcessAsync(request, log, cancellationToken).ConfigureAwait(false);
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
}

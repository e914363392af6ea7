using System.Globalization;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Pipeline;

/// <summary>The one line every run ends with (SPEC §5 "Progress").</summary>
internal static class RunSummary
{
    /// <param name="store">The run's remote store, whose part is said when it had one.</param>
    public static void Report(IFetchLog log, IReadOnlyList<FetchedArtifact> fetched, long transferredBytes, int worked, TimeSpan elapsed, Remote.RemoteStore? store = null)
    {
        var fromCache = fetched.Count(a => a.FromCache);
        var shared = store is null || store.Served + store.Uploaded == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $", {store.Served} from the remote store, {store.Uploaded} uploaded to it");
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Fetch.Build: {fetched.Count} artifact(s), {fromCache} from cache{shared}, {transferredBytes} bytes downloaded, in {elapsed.TotalSeconds:0.00} s.");
        // A build that did real work says so at normal verbosity; an up-to-date one stays quiet.
        log.Message(text, important: worked > 0);
    }
}

using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Placement;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pinning;

/// <summary>
/// After a run: the lock file is brought up to date with what the run resolved — under a
/// machine-wide lock per lock file, re-read, merged, written only when its content changed — so
/// that the inner builds of a multi-targeted project, or two builds of one project, never lose
/// each other's entries. In locked mode it is only compared: a change it would need is FB1014.
/// </summary>
internal static class LockFileUpdate
{
    /// <summary>
    /// Records the run in the lock file; returns what the state file should remember of it:
    /// <paramref name="former"/> as it was in locked mode, and unstamped when the lock file is not
    /// up to date with the run (the next build must read it again).
    /// </summary>
    public static async Task<LockRecord?> RunAsync(RunResults run, Pins pins, LockFile loaded, LockRecord? former, FetchSettings settings, IFetchLog log, CancellationToken cancellationToken)
    {
        var path = pins.LockPath!;
        var formerKeys = former is not null && former.Path == path ? former.Keys : [];
        var firstUses = new List<int>();
        if (settings.LockedMode)
        {
            var wanted = LockFileMerge.Apply(loaded, run.Requests, run.Fetched, pins, formerKeys, firstUses);
            if (wanted.SameAs(loaded))
            {
                return former;
            }

            log.Report(DiagnosticCatalog.LockedModeWouldChange(path, LockFileMerge.Changes(loaded, wanted)));
            return Unstamped(former);
        }

        // The cache's lock folder is the machine's: every build sharing the cache, whatever its
        // process, queues here. The registry is not opened for it.
        var layout = new CacheLayout(settings.CacheDirectory);
        LockFile result;
        try
        {
            Directory.CreateDirectory(layout.LockFolder);
            using var held = await CacheLock.AcquireAsync(layout.LockPath("lockfile-" + UrlKeys.Hash(PathKey(path))), cancellationToken).ConfigureAwait(false);
            if (LockFileLoad.Read(path, log, out var exists) is not { } current)
            {
                return Unstamped(former);
            }

            result = LockFileMerge.Apply(current, run.Requests, run.Fetched, pins, formerKeys, firstUses);
            if (!exists || !result.SameAs(current))
            {
                LockFileWriter.Write(path, result);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Report(DiagnosticCatalog.LockFileUnusable(path, ex.Message));
            return Unstamped(former);
        }

        foreach (var i in firstUses)
        {
            var entry = result.Find(pins.KeyOf(run.Requests[i])!)!;
            run.Logs[i].Message(
                $"Fetch.Build: {run.Requests[i].MaskedUrl}: no digest on the item and none in the lock file, so SHA-256 {entry.Sha256} ({entry.Size} bytes) " +
                $"was recorded in '{path}'. Commit the lock file: from now on these bytes are required.", important: true);
        }

        return Remember(path, run.Requests, pins, LockFileMerge.Agrees(result, run.Requests, run.Fetched, pins));
    }

    /// <summary>The record of a lock file this run checked or wrote; stamped only when it agrees with everything placed.</summary>
    private static LockRecord Remember(string path, IReadOnlyList<ArtifactRequest> requests, Pins pins, bool agrees)
    {
        var keys = new List<string>(requests.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            if (pins.KeyOf(request) is { } key && seen.Add(key))
            {
                keys.Add(key);
            }
        }

        var stamp = agrees ? FileStamp.Of(path) : null;
        return stamp is { } s
            ? new LockRecord(path, s.Size, s.MTimeTicks, keys)
            : new LockRecord(path, LockRecord.Unstamped, 0, keys);
    }

    private static LockRecord? Unstamped(LockRecord? former) => former is null ? null : former with { Size = LockRecord.Unstamped };

    /// <summary>One lock per file: on Windows and macOS two spellings of a path differing in case name one file.</summary>
    private static string PathKey(string path) => OperatingSystem.IsLinux() ? path : path.ToUpperInvariant();
}

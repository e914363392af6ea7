using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pinning;

/// <summary>
/// What the lock file becomes after a run, decided from what is in it now (re-read under the
/// writers' lock, so another build's entries are kept) and what this run resolved. No I/O.
/// </summary>
internal static class LockFileMerge
{
    /// <param name="formerKeys">The keys this build declared last time: those no item declares now are removed.</param>
    /// <param name="firstUses">Receives the index of each artifact recorded for the first time.</param>
    public static LockFile Apply(LockFile current, IReadOnlyList<ArtifactRequest> requests, IReadOnlyList<FetchedArtifact?> fetched, Pins pins,
        IReadOnlyList<string> formerKeys, List<int> firstUses)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            declared.Add(pins.KeyOf(request)!);
        }

        var result = current;
        foreach (var key in formerKeys)
        {
            if (!declared.Contains(key))
            {
                result = result.Without(key);
            }
        }

        for (var i = 0; i < requests.Count; i++)
        {
            // A failed artifact keeps its entry as it was; a web page served for a file is never recorded.
            if (i >= fetched.Count || fetched[i] is not { } artifact || !pins.IsRecordable(requests[i]))
            {
                continue;
            }

            var key = pins.KeyOf(requests[i])!;
            var entry = new LockEntry(artifact.Sha256, artifact.Size);
            var source = pins.SourceOf(requests[i]);
            if (source == PinSource.Item)
            {
                // The item wins: its digests verified these bytes, so the entry follows them.
                result = result.With(key, entry);
            }
            else if ((source is PinSource.LockFile or PinSource.FirstUse) && result.Find(key) is null)
            {
                // Verified against the entry, or recorded now. An entry another build wrote
                // meanwhile is never overwritten: the next build verifies against it.
                result = result.With(key, entry);
                if (source == PinSource.FirstUse)
                {
                    firstUses.Add(i);
                }
            }
        }

        return result;
    }

    /// <summary>True when every artifact this run placed is pinned by <paramref name="result"/> to what it placed (or by nothing it could): the lock file can be trusted unread next time.</summary>
    public static bool Agrees(LockFile result, IReadOnlyList<ArtifactRequest> requests, IReadOnlyList<FetchedArtifact?> fetched, Pins pins)
    {
        for (var i = 0; i < requests.Count; i++)
        {
            if (i < fetched.Count && fetched[i] is { } artifact && pins.SourceOf(requests[i]) != PinSource.None && pins.IsRecordable(requests[i]) &&
                result.Find(pins.KeyOf(requests[i])!)?.Sha256 != artifact.Sha256)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Each entry that differs between <paramref name="before"/> and <paramref name="after"/>, for FB1014.</summary>
    public static List<string> Changes(LockFile before, LockFile after)
    {
        var changes = new List<string>();
        foreach (var (key, entry) in before.Entries)
        {
            if (after.Find(key) is not { } now)
            {
                changes.Add($"'{key}' would be removed (no item declares it any more)");
            }
            else if (now.Sha256 != entry.Sha256)
            {
                changes.Add($"'{key}' would change from SHA-256 {entry.Sha256} to {now.Sha256}, which the item's digest verified");
            }
            else if (now.Size != entry.Size)
            {
                changes.Add($"'{key}' would change its size from {entry.Size} to {now.Size}");
            }
        }

        foreach (var (key, _) in after.Entries)
        {
            if (before.Find(key) is null)
            {
                changes.Add($"'{key}' would be added");
            }
        }

        return changes;
    }
}

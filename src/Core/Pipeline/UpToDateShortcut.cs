using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Pinning;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// The no-op build: when the project's state file says every destination holds what its item
/// asks for, and one stat per file agrees, answer without opening the cache at all. With the lock
/// file on, one more stat: the lock file must be as the last build left it (or, in locked mode,
/// already read, pin what is placed).
/// </summary>
internal static class UpToDateShortcut
{
    /// <param name="lockedMode">The lock file locked mode read before; null when not in locked mode.</param>
    public static IReadOnlyList<FetchedArtifact>? TryAnswer(IReadOnlyList<ArtifactRequest> requests, FetchSettings settings, IReadOnlyList<IFetchLog> logs, LockFile? lockedMode = null)
    {
        if (settings.StateFile is not { } path || !File.Exists(path))
        {
            return null;
        }

        var state = StateFile.Read(path);
        if (PinsFor(requests, settings, state.Lock, lockedMode) is not { } pins)
        {
            return null;
        }

        var results = new List<FetchedArtifact>(requests.Count);
        var pinnedBy = new List<string?>(requests.Count);
        foreach (var request in requests)
        {
            var requestKey = RequestKeys.For(request, UrlKeys.For(request.Url, request.Headers));
            if (!state.Placements.TryGetValue(request.DestinationPath, out var placed) ||
                !ArtifactProcessor.IsUpToDate(request, requestKey, placed.Placement, placed.Tree) ||
                !pins.Agrees(request, placed.Placement.Sha256) ||
                (settings.RequireHash && !pins.IsPinned(request, UnpinnedCheck.PinnedBy(request, placed.Placement.RequestKey))))
            {
                // Anything else — including the FB1005 error — is the full path's to decide and report.
                return null;
            }

            results.Add(ArtifactProcessor.Result(request, placed, fromCache: true));
            pinnedBy.Add(UnpinnedCheck.PinnedBy(request, placed.Placement.RequestKey));
        }

        for (var i = 0; i < requests.Count; i++)
        {
            // FB1005 again for what nothing pins, as every build says it.
            pins.Accept(requests[i], results[i].Sha256, logs[i], pinnedBy[i]);
        }

        return results;
    }

    /// <summary>Who pins what, when that is known without reading the lock file; null when it must be read.</summary>
    private static Pins? PinsFor(IReadOnlyList<ArtifactRequest> requests, FetchSettings settings, LockRecord? remembered, LockFile? lockedMode)
    {
        if (settings.LockFile is not { } lockFile)
        {
            return Pins.ItemsOnly(settings);
        }

        if (lockedMode is not null)
        {
            return Pins.From(lockedMode, requests, settings);
        }

        return remembered is not null && remembered.Confirms(lockFile, requests) ? Pins.Recorded(requests, settings) : null;
    }
}

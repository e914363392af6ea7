using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// The no-op build: when the project's state file says every destination holds what its item
/// asks for, and one stat per file agrees, answer without opening the cache at all.
/// </summary>
internal static class UpToDateShortcut
{
    public static IReadOnlyList<FetchedArtifact>? TryAnswer(IReadOnlyList<ArtifactRequest> requests, FetchSettings settings, IReadOnlyList<IFetchLog> logs)
    {
        if (settings.StateFile is not { } path || !File.Exists(path))
        {
            return null;
        }

        var state = StateFile.Read(path);
        var results = new List<FetchedArtifact>(requests.Count);
        var pinnedBy = new List<string?>(requests.Count);
        foreach (var request in requests)
        {
            var requestKey = RequestKeys.For(request, UrlKeys.For(request.Url, request.Headers));
            if (!state.TryGetValue(request.DestinationPath, out var placed) ||
                !ArtifactProcessor.IsUpToDate(request, requestKey, placed.Placement, placed.Tree) ||
                (settings.RequireHash && UnpinnedCheck.PinnedBy(request, placed.Placement.RequestKey) is null))
            {
                // Anything else — including the FB1005 error — is the full path's to decide and report.
                return null;
            }

            results.Add(ArtifactProcessor.Result(request, placed, fromCache: true));
            pinnedBy.Add(UnpinnedCheck.PinnedBy(request, placed.Placement.RequestKey));
        }

        for (var i = 0; i < requests.Count; i++)
        {
            UnpinnedCheck.Accept(requests[i], pinnedBy[i], results[i].Sha256, requireHash: false, logs[i]);
        }

        return results;
    }
}

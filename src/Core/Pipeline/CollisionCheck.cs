using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pipeline;

/// <summary>FB1011: two artifacts that would write the same path, or one inside the other's folder.</summary>
internal static class CollisionCheck
{
    public static void Find(IReadOnlyList<ArtifactRequest> requests, List<FetchDiagnostic> errors)
    {
        // Case-insensitive on purpose: the same project may build on Windows or macOS.
        var comparer = StringComparison.OrdinalIgnoreCase;
        for (var i = 0; i < requests.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var a = requests[i].DestinationPath;
                var b = requests[j].DestinationPath;
                if (string.Equals(a, b, comparer) || IsInside(a, b, comparer) || IsInside(b, a, comparer))
                {
                    errors.Add(DiagnosticCatalog.DestinationCollision(requests[i].MaskedUrl, requests[j].MaskedUrl, a));
                }
            }
        }
    }

    private static bool IsInside(string path, string folder, StringComparison comparer) =>
        path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, comparer);
}

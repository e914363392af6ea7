using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pipeline;

/// <summary>FB1011: two artifacts that would write the same path, or one inside the other's folder.</summary>
internal static class CollisionCheck
{
    /// <summary>Receives each collision, once, for the later of the two artifacts (by index).</summary>
    public delegate void Report(int index, FetchDiagnostic error);

    public static void Find(IReadOnlyList<ArtifactRequest> requests, List<FetchDiagnostic> errors) => Find(requests, (_, error) => errors.Add(error));

    public static void Find(IReadOnlyList<ArtifactRequest> requests, Report report)
    {
        // Every build runs this, so it sorts (n log n) rather than compare every pair: 100
        // artifacts were 4,950 comparisons and 1.7 MB of garbage on each no-op build.
        // Upper case: the same project may build on Windows or macOS. The separator becomes '\0',
        // which sorts before every other character, so whatever lies inside a folder comes right
        // after it, before any sibling that merely shares its prefix ("data" < "data\0x" < "data-2").
        var keys = requests.Select(r => r.DestinationPath.ToUpperInvariant().Replace(Path.DirectorySeparatorChar, '\0')).ToArray();
        // Plain arrays and loops: generics over value types (tuples, LINQ over int) are not in the
        // ReadyToRun image and would be compiled on every build just to find nothing.
        var order = new int[requests.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => string.CompareOrdinal(keys[a], keys[b]) is var c and not 0 ? c : a.CompareTo(b));

        // Allocated only when something collides, which a working build never does.
        List<(int Later, int Earlier)>? pairs = null;
        // The folders (and equal paths) that enclose the current key, outermost first.
        var enclosing = new List<int>();
        foreach (var index in order)
        {
            while (enclosing.Count > 0 && !Encloses(keys[enclosing[^1]], keys[index]))
            {
                enclosing.RemoveAt(enclosing.Count - 1);
            }

            foreach (var other in enclosing)
            {
                (pairs ??= []).Add((Math.Max(index, other), Math.Min(index, other)));
            }

            enclosing.Add(index);
        }

        if (pairs is null)
        {
            return;
        }

        // Reported in item order, as the items were written.
        pairs.Sort();
        foreach (var (later, earlier) in pairs)
        {
            report(later, DiagnosticCatalog.DestinationCollision(requests[later].MaskedUrl, requests[earlier].MaskedUrl, requests[later].DestinationPath));
        }
    }

    private static bool Encloses(string folder, string path) =>
        path.Length == folder.Length ? path == folder : path.Length > folder.Length && path[folder.Length] == '\0' && path.StartsWith(folder, StringComparison.Ordinal);
}

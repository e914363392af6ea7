using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;

namespace Fetch.Build.Core.Requests;

/// <summary>
/// FB1019: metadata MSBuild accepts but nothing reads, close to a name Fetch.Build knows —
/// <c>Sha265</c> silently meant "no digest", <c>Extrat</c> "do not extract". Runs on every build,
/// so it is plain loops over strings and one small int array per unknown name, nothing generic over
/// a value type (docs/design.md, ReadyToRun).
/// </summary>
internal static class MetadataSpelling
{
    public static void Report(IReadOnlyList<RawArtifact> artifacts, IFetchLog log)
    {
        foreach (var artifact in artifacts)
        {
            string? masked = null;
            foreach (var name in artifact.Metadata.Keys)
            {
                if (LikelyMeant(name) is { } meant)
                {
                    masked ??= UrlMasker.Mask(artifact.Include.Trim());
                    log.Report(DiagnosticCatalog.MisspelledMetadata(masked, name, meant));
                }
            }
        }
    }

    /// <summary>The known name <paramref name="name"/> is probably a misspelling of, or null (known, or far from all).</summary>
    internal static string? LikelyMeant(string name)
    {
        foreach (var known in MetadataNames.All)
        {
            if (string.Equals(name, known, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        // One slip in a short name, two in a longer one: "Lnik" → Link, "Sha265" → Sha256, "Extrat" → Extract.
        var allowed = name.Length <= 4 ? 1 : 2;
        string? best = null;
        var bestDistance = allowed + 1;
        foreach (var known in MetadataNames.All)
        {
            var distance = Distance(name, known, allowed);
            if (distance < bestDistance)
            {
                best = known;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>
    /// Edits (insert, delete, replace, swap two neighbours; case ignored) from <paramref name="a"/> to
    /// <paramref name="b"/>, or <paramref name="limit"/> + 1 once it is sure to be more.
    /// </summary>
    internal static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        // Three rows of the optimal-string-alignment table, in one array.
        var width = b.Length + 1;
        var rows = new int[3 * width];
        for (var j = 0; j < width; j++)
        {
            rows[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var current = i % 3 * width;
            var previous = (i - 1) % 3 * width;
            var before = (i + 1) % 3 * width;
            rows[current] = i;
            var rowMinimum = i;
            for (var j = 1; j < width; j++)
            {
                var same = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]);
                var cost = Math.Min(Math.Min(rows[previous + j] + 1, rows[current + j - 1] + 1), rows[previous + j - 1] + (same ? 0 : 1));
                if (i > 1 && j > 1 && char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 2]) && char.ToUpperInvariant(a[i - 2]) == char.ToUpperInvariant(b[j - 1]))
                {
                    cost = Math.Min(cost, rows[before + j - 2] + 1);
                }

                rows[current + j] = cost;
                rowMinimum = Math.Min(rowMinimum, cost);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }
        }

        return Math.Min(rows[a.Length % 3 * width + b.Length], limit + 1);
    }
}

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>FetchedArtifact and FetchedArtifactFile items as the consumer's report target wrote them.</summary>
internal sealed record BuildReport(IReadOnlyList<ReportedArtifact> Artifacts, IReadOnlyList<ReportedFile> Files)
{
    public static BuildReport Read(string folder, string targetFramework = "net10.0")
    {
        var path = Path.Combine(folder, $"fetch-report-{targetFramework}.txt");
        var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        File.Delete(path);
        var artifacts = lines.Where(l => l.StartsWith("A|", StringComparison.Ordinal)).Select(l => l.Split('|'))
            .Select(p => new ReportedArtifact(p[1], p[2], p[3], long.Parse(p[4], System.Globalization.CultureInfo.InvariantCulture), p[5] == "true", p[6] == "true"))
            .ToList();
        var files = lines.Where(l => l.StartsWith("F|", StringComparison.Ordinal)).Select(l => l.Split('|'))
            .Select(p => new ReportedFile(p[1], p[2], p[3]))
            .ToList();
        return new BuildReport(artifacts, files);
    }
}

internal sealed record ReportedArtifact(string Path, string SourceUrl, string Sha256, long Size, bool FromCache, bool Extracted);

internal sealed record ReportedFile(string Path, string SourceUrl, string RelativePath);

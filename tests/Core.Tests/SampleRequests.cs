using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Tests;

/// <summary>Artifact requests as the parser would make them, for tests below the parser.</summary>
internal static class SampleRequests
{
    public static ArtifactRequest Sample(string url = "https://example.org/files/data.bin", params ExpectedDigest[] digests) => new()
    {
        SourceUrl = url,
        Sources = [new Uri(url)],
        MaskedUrl = url,
        Digests = digests,
        DestinationFolder = Path.Combine(Path.GetTempPath(), "fetch-requests", "obj", "fetch"),
        FileName = new Uri(url).Segments[^1],
    };

    public static ArtifactRequest At(string url, string folder, params ExpectedDigest[] digests) => Sample(url, digests) with { DestinationFolder = folder };
}

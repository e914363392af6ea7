using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// What became of one artifact: what was placed, if anything, and every warning and error about
/// it. <see cref="MaskedUrl"/> names it as every message does.
/// </summary>
internal sealed record ArtifactOutcome(string MaskedUrl, FetchedArtifact? Artifact, IReadOnlyList<FetchDiagnostic> Diagnostics)
{
    /// <summary>True when the artifact is in place and nothing about it was an error.</summary>
    public bool Succeeded => Artifact is not null && !Diagnostics.Any(d => d.Severity == FetchSeverity.Error);
}

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// What a run produced: one <see cref="ArtifactOutcome"/> per request, in order, failures included.
/// Empty when the run stopped before any artifact (invalid items or settings, an unusable cache);
/// its errors went to the log then.
/// </summary>
internal sealed record FetchOutcome(IReadOnlyList<ArtifactOutcome> Results, bool Succeeded)
{
    /// <summary>The artifacts that were placed.</summary>
    public IReadOnlyList<FetchedArtifact> Artifacts => Results.Select(r => r.Artifact).OfType<FetchedArtifact>().ToList();
}

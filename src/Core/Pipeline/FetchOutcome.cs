namespace Fetch.Build.Core.Pipeline;

/// <summary>What a run produced. Failed artifacts are absent; their errors went to the log.</summary>
public sealed record FetchOutcome(IReadOnlyList<FetchedArtifact> Artifacts, bool Succeeded);

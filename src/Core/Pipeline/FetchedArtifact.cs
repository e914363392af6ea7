namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// One resolved DownloadArtifact, as the FetchedArtifact item reports it (SPEC §4).
/// <see cref="Path"/> is the file, or the extraction folder; <see cref="SourceUrl"/> the Include URL
/// with user-info and query values masked (SPEC §12).
/// </summary>
internal sealed record FetchedArtifact(
    string Path,
    string SourceUrl,
    string Sha256,
    long Size,
    bool FromCache,
    bool Extracted,
    IReadOnlyList<FetchedFile> Files,
    string? CopyToOutputDirectory);

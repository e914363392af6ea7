using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Extraction;

/// <summary>Unpacks an archive into an empty folder, refusing anything unsafe.</summary>
internal static class ArchiveExtractor
{
    /// <summary>
    /// Extracts <paramref name="archivePath"/> into <paramref name="targetDirectory"/>, which exists
    /// and is empty. The format comes from the content, never from the name;
    /// <paramref name="originalFileName"/> only names the output of a single compressed file.
    /// Throws <see cref="FetchException"/> with FB1004, FB1008 or FB1010; on a throw the caller
    /// deletes the target folder. Returns the regular files written, sorted by path.
    /// </summary>
    public static IReadOnlyList<ExtractedFile> Extract(
        string archivePath,
        string targetDirectory,
        string originalFileName,
        ExtractionOptions options,
        string maskedUrl,
        CancellationToken cancellationToken)
    {
        throw new FetchException(DiagnosticCatalog.UnreadableArchive(maskedUrl, "extraction is not implemented yet"));
    }
}

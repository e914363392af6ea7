using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Extraction;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Placement;

/// <summary>
/// Puts an archive's tree at a destination folder whole: fills a temp folder beside it, then
/// swaps. A destination never holds a half tree, and files Fetch.Build did not place are kept
/// (FB1012) unless they are exactly what the new tree holds at their path. In Copy mode the proven archive is extracted there (one write per file, as tar
/// makes); in HardLink mode the files are links to a tree the cache keeps.
/// </summary>
internal sealed class TreePlacer
{
    private readonly CacheLayout _layout;
    private readonly BlobCheck _blobs;

    public TreePlacer(CacheLayout layout, BlobCheck blobs)
    {
        _layout = layout;
        _blobs = blobs;
    }

    /// <summary>True when the placed tree is still what was recorded: every file there, same size, not modified since.</summary>
    public static bool IsIntact(string destination, IReadOnlyList<ExtractedFile> manifest, PlacementRecord placement) =>
        placement.Size == manifest.Count && TreeManifest.FirstChanged(destination, manifest, placement.MTimeTicks) is null;

    /// <summary>
    /// Extracts the archive blob <paramref name="archiveSha256"/> at <paramref name="request"/>'s
    /// destination and keeps its file list in the cache under <paramref name="treeKey"/>. Throws <see cref="CorruptBlobException"/>
    /// when the stored archive is bad, before anything is written. <paramref name="verifiedJustNow"/>:
    /// this process hashed the archive's bytes as they arrived.
    /// </summary>
    public (PlacementRecord Placement, IReadOnlyList<ExtractedFile> Files) Extract(ArtifactRequest request, string requestKey, ExtractionOptions options, string archiveSha256, string treeKey, PlacementRecord? previous, bool verifiedJustNow, CancellationToken cancellationToken) =>
        Place(request, requestKey, archiveSha256, treeKey, previous, temp =>
        {
            var archive = _blobs.Prove(archiveSha256, verifiedJustNow);
            var files = ArchiveExtractor.Extract(archive, temp, request.FileName, options, request.MaskedUrl, cancellationToken);
            // Before the swap: a tree in place is always one whose file list the cache has.
            TreeManifest.Write(_layout.TreeManifestPath(treeKey), files);
            return files;
        });

    /// <summary>
    /// Places hard links to the files of the cached tree <paramref name="treeKey"/> (HardLink mode;
    /// <see cref="Pipeline.TreeCache"/> keeps the tree). <paramref name="ensureSealed"/> runs once
    /// the links are made, before the swap: it throws when the tree was replaced meanwhile.
    /// </summary>
    public PlacementRecord Link(ArtifactRequest request, string requestKey, string archiveSha256, string treeKey, IReadOnlyList<ExtractedFile> files, PlacementRecord? previous, Action ensureSealed, CancellationToken cancellationToken) =>
        Place(request, requestKey, archiveSha256, treeKey, previous, temp =>
        {
            TreeFolders.Link(_layout.TreePath(treeKey), temp, cancellationToken);
            ensureSealed();
            return files;
        }).Placement;

    /// <summary>Fills a temp folder beside the destination with <paramref name="fill"/>, then swaps it in whole.</summary>
    private (PlacementRecord Placement, IReadOnlyList<ExtractedFile> Files) Place(ArtifactRequest request, string requestKey, string archiveSha256, string treeKey, PlacementRecord? previous, Func<string, IReadOnlyList<ExtractedFile>> fill)
    {
        var destination = request.DestinationPath;
        if (File.Exists(destination))
        {
            if (previous is null)
            {
                throw new FetchException(DiagnosticCatalog.ForeignFile(request.MaskedUrl, destination));
            }

            File.Delete(destination);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        PlacementTemps.DeleteLeftovers(destination);
        var temp = PlacementTemps.NewTemp(destination);
        var old = PlacementTemps.NewOld(destination);
        IReadOnlyList<ExtractedFile> files;
        try
        {
            Directory.CreateDirectory(temp);
            files = fill(temp);
            if (Directory.Exists(destination))
            {
                // Judged against the tree just made, so that one identical to it is adopted.
                if (ForeignFiles.FindFirst(destination, ManifestOf(previous), temp) is { } foreign)
                {
                    throw new FetchException(DiagnosticCatalog.ForeignFile(request.MaskedUrl, foreign));
                }

                Directory.Move(destination, old);
            }

            Directory.Move(temp, destination);
        }
        finally
        {
            TreeFolders.Delete(temp);
            TreeFolders.Delete(old);
        }

        // Extracted files keep the time they were written (linked ones, the time the cached tree
        // was): a new version must look newer to PreserveNewest.
        var newest = files.Select(f => FileStamp.Of(Path.Combine(destination, f.RelativePath))?.MTimeTicks ?? 0).DefaultIfEmpty(0).Max();
        return (new PlacementRecord(destination, requestKey, archiveSha256, treeKey, files.Count, newest, FileKey.Describe(destination)), files);
    }

    /// <summary>The file list of the tree Fetch.Build placed before, when it knows it placed one.</summary>
    private IReadOnlyList<ExtractedFile>? ManifestOf(PlacementRecord? previous) =>
        previous?.TreeKey is { } key ? TreeManifest.TryRead(_layout.TreeManifestPath(key)) : null;
}

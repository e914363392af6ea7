using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Placement;

/// <summary>
/// Puts a cached extracted tree at a destination folder whole: copy to a temp folder beside it,
/// then swap. A destination never holds a half tree, and files Fetch.Build did not place are kept (FB1012).
/// </summary>
internal sealed class TreePlacer
{
    private readonly CacheLayout _layout;

    public TreePlacer(CacheLayout layout)
    {
        _layout = layout;
    }

    /// <summary>True when the placed tree is still what was recorded: every file there, same size, not modified since.</summary>
    public static bool IsIntact(string destination, IReadOnlyList<ExtractedFile> manifest, PlacementRecord placement)
    {
        if (placement.Size != manifest.Count)
        {
            return false;
        }

        foreach (var file in manifest)
        {
            if (FileStamp.Of(Path.Combine(destination, file.RelativePath)) is not { } stamp || stamp.Size != file.Size || stamp.MTimeTicks > placement.MTimeTicks)
            {
                return false;
            }
        }

        return true;
    }

    public PlacementRecord Place(string destination, string treeKey, IReadOnlyList<ExtractedFile> manifest, string requestKey, string archiveSha256, PlacementRecord? previous, string maskedUrl, CancellationToken cancellationToken)
    {
        var parent = Path.GetDirectoryName(destination)!;
        var name = Path.GetFileName(destination);
        if (File.Exists(destination))
        {
            if (previous is null)
            {
                throw new FetchException(DiagnosticCatalog.ForeignFile(maskedUrl, destination));
            }

            File.Delete(destination);
        }

        if (Directory.Exists(destination) && FindForeignFile(destination, previous) is { } foreign)
        {
            throw new FetchException(DiagnosticCatalog.ForeignFile(maskedUrl, foreign));
        }

        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.fetch-tmp");
        var old = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.fetch-old");
        try
        {
            TreeCopier.Copy(_layout.TreePath(treeKey), temp, cancellationToken);
            if (Directory.Exists(destination))
            {
                Directory.Move(destination, old);
            }

            Directory.Move(temp, destination);
        }
        finally
        {
            TreeCopier.DeleteTree(temp);
            TreeCopier.DeleteTree(old);
        }

        var newest = manifest.Select(f => FileStamp.Of(Path.Combine(destination, f.RelativePath))?.MTimeTicks ?? 0).DefaultIfEmpty(0).Max();
        return new PlacementRecord(destination, requestKey, archiveSha256, treeKey, manifest.Count, newest);
    }

    /// <summary>A file in the folder that no tree Fetch.Build placed there accounts for.</summary>
    private string? FindForeignFile(string destination, PlacementRecord? previous)
    {
        var ours = previous?.TreeKey is { } oldKey && TreeManifest.TryRead(_layout.TreeManifestPath(oldKey)) is { } oldManifest
            ? oldManifest.Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal)
            : [];
        // Links come from the archive too (the extractor admitted them); only regular files can be the user's.
        return new DirectoryInfo(destination).EnumerateFiles("*", TreeCopier.NotThroughLinks)
            .Where(f => f.LinkTarget is null)
            .Select(f => f.FullName)
            .FirstOrDefault(f => !ours.Contains(Path.GetRelativePath(destination, f).Replace('\\', '/')));
    }
}

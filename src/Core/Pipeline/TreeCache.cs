using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Extraction;
using Fetch.Build.Core.Placement;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// Extracted trees the cache keeps for <c>FetchLinkMode=HardLink</c>, whose projects link to
/// their files: <c>trees/&lt;key&gt;/</c>, files read-only, extracted once per machine beside its
/// final place and renamed in, then sealed. A tree with a file changed since its seal (written
/// through a project's link) is extracted again before anything links to it.
/// </summary>
internal sealed class TreeCache
{
    private readonly CacheContext _cache;

    public TreeCache(CacheContext cache)
    {
        _cache = cache;
    }

    /// <summary>
    /// Places a project's links to the intact tree with <paramref name="link"/>, extracting the
    /// tree first when needed; <paramref name="proveArchive"/> gives the archive blob's path, proven.
    /// Without the tree's lock while the tree stays sealed: a build that replaces a changed tree
    /// deletes the seal before it touches a file, so <paramref name="link"/> calls the check it is
    /// given once its links are made and before it swaps them in. When the seal changed meanwhile,
    /// the links are made again under the lock, where nothing replaces the tree.
    /// </summary>
    public async Task<(PlacementRecord Placement, IReadOnlyList<ExtractedFile> Files)> LinkAsync(
        string treeKey, Func<string> proveArchive, string fileName, ExtractionOptions options, string maskedUrl, IFetchLog log,
        Func<IReadOnlyList<ExtractedFile>, Action, PlacementRecord> link, CancellationToken cancellationToken)
    {
        if (FindIntact(treeKey, out var seal, out _) is { } ready)
        {
            try
            {
                return (link(ready, () => EnsureSealed(treeKey, seal)), ready);
            }
            catch (IOException) when (SealOf(treeKey) != seal)
            {
                // Another build began replacing the tree while this one linked; its links are gone.
            }
        }

        using var held = await _cache.LockAsync("tree-" + treeKey, cancellationToken).ConfigureAwait(false);
        var files = FindIntact(treeKey, out _, out var changed) ?? Extract(treeKey, changed, proveArchive, fileName, options, maskedUrl, log, cancellationToken);
        return (link(files, static () => { }), files);
    }

    /// <summary>Under the tree's lock: extracts the tree beside its place, renames it in, seals it.</summary>
    private IReadOnlyList<ExtractedFile> Extract(string treeKey, string? changed, Func<string> proveArchive, string fileName, ExtractionOptions options, string maskedUrl, IFetchLog log, CancellationToken cancellationToken)
    {
        if (changed is not null)
        {
            log.Report(DiagnosticCatalog.ChangedCachedTree(maskedUrl, changed));
        }

        var layout = _cache.Layout;
        var archive = proveArchive();
        var target = layout.TreePath(treeKey);
        // Under the tree's lock, as a placement's temps are under the destination's.
        PlacementTemps.DeleteLeftovers(target);
        var temp = PlacementTemps.NewTemp(target);
        try
        {
            Directory.CreateDirectory(temp);
            var files = ArchiveExtractor.Extract(archive, temp, fileName, options with { ReadOnlyFiles = true }, maskedUrl, cancellationToken);
            // The seal goes first and comes back last: a tree is never trusted while it is replaced.
            File.Delete(layout.TreeSealPath(treeKey));
            TreeFolders.Delete(target);
            Directory.Move(temp, target);
            TreeManifest.Write(layout.TreeManifestPath(treeKey), files);
            File.WriteAllBytes(layout.TreeSealPath(treeKey), []);
            return files;
        }
        finally
        {
            TreeFolders.Delete(temp);
        }
    }

    private FileStamp? SealOf(string treeKey) => FileStamp.Of(_cache.Layout.TreeSealPath(treeKey));

    private void EnsureSealed(string treeKey, FileStamp seal)
    {
        if (SealOf(treeKey) != seal)
        {
            throw new IOException($"the cached tree {treeKey} was replaced while it was being linked");
        }
    }

    /// <summary>
    /// The files of the kept tree when every one is there, its size, and not written since the
    /// seal, with the seal they were checked against; else null, with <paramref name="changed"/>
    /// the first file that is not, if the tree was sealed. Stats only.
    /// </summary>
    private IReadOnlyList<ExtractedFile>? FindIntact(string treeKey, out FileStamp seal, out string? changed)
    {
        seal = default;
        changed = null;
        var layout = _cache.Layout;
        if (SealOf(treeKey) is not { } stamp || TreeManifest.TryRead(layout.TreeManifestPath(treeKey)) is not { } files)
        {
            return null;
        }

        seal = stamp;
        changed = TreeManifest.FirstChanged(layout.TreePath(treeKey), files, seal.MTimeTicks);
        return changed is null ? files : null;
    }
}

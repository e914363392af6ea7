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
    private readonly IFetchLog _log;

    public TreeCache(CacheContext cache, IFetchLog log)
    {
        _cache = cache;
        _log = log;
    }

    /// <summary>The intact tree's files, extracting it first when needed; <paramref name="proveArchive"/> gives the archive blob's path, proven.</summary>
    public async Task<IReadOnlyList<ExtractedFile>> EnsureAsync(string treeKey, Func<string> proveArchive, string fileName, ExtractionOptions options, string maskedUrl, CancellationToken cancellationToken)
    {
        if (FindIntact(treeKey, out _) is { } ready)
        {
            return ready;
        }

        using var held = await _cache.LockAsync("tree-" + treeKey, cancellationToken).ConfigureAwait(false);
        if (FindIntact(treeKey, out var changed) is { } meanwhile)
        {
            return meanwhile;
        }

        if (changed is not null)
        {
            _log.Report(DiagnosticCatalog.ChangedCachedTree(maskedUrl, changed));
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

    /// <summary>
    /// The files of the kept tree when every one is there, its size, and not written since the
    /// seal; else null, with <paramref name="changed"/> the first file that is not, if the tree
    /// was sealed. Stats only.
    /// </summary>
    private IReadOnlyList<ExtractedFile>? FindIntact(string treeKey, out string? changed)
    {
        changed = null;
        var layout = _cache.Layout;
        if (FileStamp.Of(layout.TreeSealPath(treeKey)) is not { } seal || TreeManifest.TryRead(layout.TreeManifestPath(treeKey)) is not { } files)
        {
            return null;
        }

        changed = TreeManifest.FirstChanged(layout.TreePath(treeKey), files, seal.MTimeTicks);
        return changed is null ? files : null;
    }
}

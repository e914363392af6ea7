using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Extraction;
using Fetch.Build.Core.Placement;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// Extracted trees in the cache, keyed by (archive digest, options): extracted once per machine
/// into a temp folder, then renamed into place and recorded READY.
/// </summary>
internal sealed class TreeResolver
{
    private readonly CacheContext _cache;

    public TreeResolver(CacheContext cache)
    {
        _cache = cache;
    }

    public static string KeyFor(string archiveSha256, ExtractionOptions options) =>
        UrlKeys.Hash(archiveSha256 + "\n" + options.Key)[..40];

    /// <summary>The manifest of a ready tree, or null. Stats and one small read.</summary>
    public IReadOnlyList<ExtractedFile>? FindReady(string treeKey) =>
        Directory.Exists(_cache.Layout.TreePath(treeKey)) ? TreeManifest.TryRead(_cache.Layout.TreeManifestPath(treeKey)) : null;

    public async Task<IReadOnlyList<ExtractedFile>> EnsureAsync(string treeKey, string archiveSha256, string fileName, ExtractionOptions options, string maskedUrl, CancellationToken cancellationToken)
    {
        if (FindReady(treeKey) is { } ready && _cache.Registry.IsTreeReady(treeKey))
        {
            return ready;
        }

        using var held = await _cache.LockAsync("tree-" + treeKey, cancellationToken).ConfigureAwait(false);
        if (FindReady(treeKey) is { } meanwhile && _cache.Registry.IsTreeReady(treeKey))
        {
            return meanwhile;
        }

        var temp = _cache.Layout.NewTempPath(".tree");
        Directory.CreateDirectory(temp);
        try
        {
            var files = ArchiveExtractor.Extract(_cache.Store.PathOf(archiveSha256), temp, fileName, options, maskedUrl, cancellationToken);
            var target = _cache.Layout.TreePath(treeKey);
            // A tree left by a build killed before its row was written is not trusted: replace it.
            TreeCopier.DeleteTree(target);
            Directory.Move(temp, target);
            CrashPoints.Hit(CrashPoints.AfterTreeMove);
            TreeManifest.Write(_cache.Layout.TreeManifestPath(treeKey), files);
            _cache.Registry.RecordTree(treeKey, archiveSha256, options.Key, files.Count, files.Sum(f => f.Size));
            return files;
        }
        finally
        {
            TreeCopier.DeleteTree(temp);
        }
    }
}

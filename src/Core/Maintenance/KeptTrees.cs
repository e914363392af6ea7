using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Placement;

namespace Fetch.Build.Core.Maintenance;

/// <summary>
/// Removal of an extracted tree the cache keeps for <c>FetchLinkMode=HardLink</c>, under the tree's
/// lock and seal first, as a build replacing a changed tree does (<see cref="Pipeline.TreeCache"/>):
/// a build linking to it without the lock sees the seal change and links again under the lock.
/// </summary>
internal static class KeptTrees
{
    /// <summary>Removes <c>trees/&lt;key&gt;/</c> unless a build holds the tree's lock; false then, or when there is none.</summary>
    public static bool TryRemove(CacheLayout layout, string treeKey, bool dryRun, ICollection<RemovedItem> removed)
    {
        var folder = new DirectoryInfo(layout.TreePath(treeKey));
        if (!folder.Exists)
        {
            return false;
        }

        using var held = CacheLock.TryAcquire(layout.LockPath("tree-" + treeKey));
        if (held is null)
        {
            return false;
        }

        try
        {
            var size = folder.EnumerateFiles("*", TreeFolders.NotThroughLinks).Sum(f => f.Length);
            if (!dryRun)
            {
                File.Delete(layout.TreeSealPath(treeKey));
                TreeFolders.Delete(folder.FullName);
            }

            removed.Add(new RemovedItem(RemovedItem.KeptTree, Path.GetRelativePath(layout.Root, folder.FullName), size));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

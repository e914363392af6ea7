namespace Fetch.Build.Core.Caching;

/// <summary>
/// Where things live inside the cache folder. Everything is relative to <see cref="Root"/>, so
/// the folder can be archived and restored elsewhere (SPEC §5 "Relocatable cache").
/// </summary>
internal sealed class CacheLayout
{
    public CacheLayout(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string RegistryPath => Path.Combine(Root, "registry.db");

    public string TempFolder => Path.Combine(Root, "tmp");

    public string PartialFolder => Path.Combine(Root, "partial");

    public string LockFolder => Path.Combine(Root, "locks");

    public string BlobFolder => Path.Combine(Root, "blobs", "sha256");

    public string TreeFolder => Path.Combine(Root, "trees");

    /// <summary>Content-addressed file: blobs/sha256/ab/abcdef…</summary>
    public string BlobPath(string sha256) => Path.Combine(BlobFolder, sha256[..2], sha256);

    public string TreePath(string treeKey) => Path.Combine(TreeFolder, treeKey);

    /// <summary>The list of files of a finished tree, beside it so it is never copied with it.</summary>
    public string TreeManifestPath(string treeKey) => Path.Combine(TreeFolder, treeKey + ".files");

    public string PartialPath(string key) => Path.Combine(PartialFolder, key + ".part");

    public string LockPath(string key) => Path.Combine(LockFolder, key + ".lock");

    /// <summary>A fresh, unique path in the cache's temp folder (same file system as the store, so renames are atomic).</summary>
    public string NewTempPath(string suffix = "") => Path.Combine(TempFolder, Guid.NewGuid().ToString("N") + suffix);

    public void EnsureFolders()
    {
        foreach (var folder in new[] { Root, TempFolder, PartialFolder, LockFolder, BlobFolder, TreeFolder })
        {
            Directory.CreateDirectory(folder);
        }
    }
}

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

    public string PartialFolder => Path.Combine(Root, "partial");

    public string LockFolder => Path.Combine(Root, "locks");

    public string BlobFolder => Path.Combine(Root, "blobs", "sha256");

    public string TreeFolder => Path.Combine(Root, "trees");

    /// <summary>Content-addressed file: blobs/sha256/ab/abcdef…</summary>
    public string BlobPath(string sha256) => Path.Combine(BlobFolder, sha256[..2], sha256);

    /// <summary>The list of files of an extracted tree; the cache keeps the archive and this list, not the tree.</summary>
    public string TreeManifestPath(string treeKey) => Path.Combine(TreeFolder, treeKey + ".files");

    public string PartialPath(string key) => Path.Combine(PartialFolder, key + ".part");

    public string LockPath(string key) => Path.Combine(LockFolder, key + ".lock");

    public void EnsureFolders()
    {
        foreach (var folder in new[] { Root, PartialFolder, LockFolder, BlobFolder, TreeFolder })
        {
            Directory.CreateDirectory(folder);
        }
    }
}

using System.Globalization;

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

    /// <summary>The registry of this Fetch.Build's schema.</summary>
    public string RegistryPath => RegistryPathFor(RegistrySchema.Version);

    /// <summary>
    /// Where the registry of a schema lives: <c>registry-v3.db</c>, <c>registry-v4.db</c> and on, one file a schema;
    /// schemas 1 and 2 shared <c>registry.db</c>. Two Fetch.Build versions sharing the cache each
    /// keep their own registry beside the shared content, and neither misreads the other's.
    /// </summary>
    public string RegistryPathFor(int schema) =>
        Path.Combine(Root, schema <= RegistrySchema.LastInSharedFile ? "registry.db" : "registry-v" + schema.ToString(CultureInfo.InvariantCulture) + ".db");

    public string PartialFolder => Path.Combine(Root, "partial");

    public string LockFolder => Path.Combine(Root, "locks");

    public string BlobFolder => Path.Combine(Root, "blobs", "sha256");

    public string TreeFolder => Path.Combine(Root, "trees");

    /// <summary>Content-addressed file: blobs/sha256/ab/abcdef…</summary>
    public string BlobPath(string sha256) => Path.Combine(BlobFolder, sha256[..2], sha256);

    /// <summary>The list of files of an extracted tree, kept for every tree placed from an archive.</summary>
    public string TreeManifestPath(string treeKey) => Path.Combine(TreeFolder, treeKey + ".files");

    /// <summary>An extracted tree the cache keeps, for HardLink mode only: projects link to its files.</summary>
    public string TreePath(string treeKey) => Path.Combine(TreeFolder, treeKey);

    /// <summary>Written once <see cref="TreePath"/> is complete: a file there newer than this was changed since.</summary>
    public string TreeSealPath(string treeKey) => Path.Combine(TreeFolder, treeKey + ".sealed");

    public string PartialPath(string key) => Path.Combine(PartialFolder, key + ".part");

    public string LockPath(string key) => Path.Combine(LockFolder, key + ".lock");

    /// <summary>
    /// The lock on stored content: held shared by every build while it finds, stores or places the
    /// blob, and taken exclusive by whatever removes it (prune, verify, the size cap).
    /// </summary>
    public string ContentLockPath(string sha256) => LockPath("blob-" + sha256);

    /// <summary>Temporary files and folders the cache may hold for a while: swept when a day old.</summary>
    public string TempFolder => Path.Combine(Root, "tmp");

    public void EnsureFolders()
    {
        foreach (var folder in new[] { Root, PartialFolder, LockFolder, BlobFolder, TreeFolder })
        {
            Directory.CreateDirectory(folder);
        }
    }
}

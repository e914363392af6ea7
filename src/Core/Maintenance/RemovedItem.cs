namespace Fetch.Build.Core.Maintenance;

/// <summary>
/// One thing a prune, a clean or the size cap removed (or, in a dry run, would remove): what it is
/// (<see cref="Kind"/>), what names it — a masked URL, a digest or a path inside the cache — and
/// the bytes it took.
/// </summary>
internal sealed record RemovedItem(string Kind, string Name, long Size)
{
    public const string Content = "content";
    public const string KeptTree = "extracted tree";
    public const string OrphanBlob = "orphan blob";
    public const string Partial = "partial download";
    public const string Temporary = "temporary file";
    public const string FileList = "tree file list";
    public const string Row = "registry row";
}

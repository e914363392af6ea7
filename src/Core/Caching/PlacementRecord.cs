namespace Fetch.Build.Core.Caching;

/// <summary>
/// What Fetch.Build placed at a destination path, and the file-system stamp it left there:
/// a later build that finds the same stamp knows the content without reading it.
/// For a tree, <see cref="Size"/> is the file count and <see cref="MTimeTicks"/> the newest file time.
/// <see cref="Identity"/> is the <see cref="FileKey"/> of the file or folder placed (null where the OS
/// has none): the path alone may come to name something else.
/// </summary>
internal sealed record PlacementRecord(string Path, string RequestKey, string Sha256, string? TreeKey, long Size, long MTimeTicks, string? Identity)
{
    /// <summary>
    /// True when the path still names what was placed there. Where the OS gives no keys both sides
    /// are null, and the path is all there is to go by.
    /// </summary>
    public bool StillNamesWhatWasPlaced() => FileKey.Describe(Path) == Identity;
}

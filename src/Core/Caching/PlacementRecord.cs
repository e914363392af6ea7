namespace Fetch.Build.Core.Caching;

/// <summary>
/// What Fetch.Build placed at a destination path, and the file-system stamp it left there:
/// a later build that finds the same stamp knows the content without reading it.
/// For a tree, <see cref="Size"/> is the file count and <see cref="MTimeTicks"/> the newest file time.
/// </summary>
internal sealed record PlacementRecord(string Path, string RequestKey, string Sha256, string? TreeKey, long Size, long MTimeTicks);

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// One entry as a format reader found it, before any safety check. <see cref="Name"/> is the name
/// from the archive, decoded; <see cref="UnixMode"/> is the permission bits, when the format has
/// them. <see cref="BackslashSeparates"/> is false where the format makes '\' an ordinary
/// character of a name (see <see cref="EntryPath.ForEntry"/>); it applies to a hard link's target too.
/// </summary>
internal sealed record ArchiveEntry(
    string Name,
    EntryKind Kind,
    string? LinkTarget = null,
    int? UnixMode = null,
    bool BackslashSeparates = true);

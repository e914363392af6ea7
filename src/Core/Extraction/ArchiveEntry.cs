namespace Fetch.Build.Core.Extraction;

/// <summary>
/// One entry as a format reader found it, before any safety check. <see cref="Name"/> is the raw
/// name from the archive; <see cref="UnixMode"/> is the permission bits, when the format has them.
/// </summary>
internal sealed record ArchiveEntry(
    string Name,
    EntryKind Kind,
    string? LinkTarget = null,
    int? UnixMode = null);

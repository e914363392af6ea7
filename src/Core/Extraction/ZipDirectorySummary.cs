namespace Fetch.Build.Core.Extraction;

/// <summary>
/// What <see cref="ZipCentralDirectory"/> found: how many records, which compression methods they
/// use, and whether any may carry a Unicode Path extra field (which renames an entry for
/// SharpCompress, not for the BCL).
/// </summary>
internal sealed record ZipDirectorySummary(long Entries, IReadOnlySet<ushort> Methods, bool HasUnicodePaths);

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// What <see cref="ZipCentralDirectory"/> found: every entry in directory order with its decided
/// name, and which compression methods they use.
/// </summary>
internal sealed record ZipDirectorySummary(IReadOnlyList<ZipEntryHeader> Entries, IReadOnlySet<ushort> Methods);

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// What <see cref="ZipCentralDirectory"/> found: every entry in directory order with its decided
/// name, which compression methods they use, and how many bytes come before the zip.
/// </summary>
internal sealed record ZipDirectorySummary(IReadOnlyList<ZipEntryHeader> Entries, IReadOnlySet<ushort> Methods, long Prefix)
{
    /// <summary>The zip as the libraries must see it: from its first byte, where its offsets count from.</summary>
    public Stream ViewOf(FileStream file) => Prefix == 0 ? file : new StreamWindow(file, Prefix);
}

namespace Fetch.Build.Core.Extraction.Tar;

/// <summary>
/// Reads tar with our own header reader (<see cref="TarEntryReader"/>) rather than
/// System.Formats.Tar, which refuses archives GNU tar and libarchive read: pax global headers
/// (every <c>git archive</c> tarball), hard links and folders that carry a size, a repeated GNU
/// long name, spaces in numeric fields. SharpCompress does not tell a symbolic link from a hard
/// link or a device from a file. Safety does not come from the parser's strictness but from
/// <see cref="TreeWriter"/>, which checks every entry this reader yields.
/// </summary>
internal static class TarEntries
{
    public static void ExtractTo(Stream tar, TreeWriter writer)
    {
        var reader = new TarEntryReader(tar, writer.Discarded);
        while (reader.Next() is { } member)
        {
            using (member.Data)
            {
                writer.Add(member.Entry, member.Data);
            }
        }

        // Past the end-of-archive blocks: read the rest so a compressed tar's checksum is checked.
        writer.Discard(tar);
    }
}

namespace Fetch.Build.Core.Extraction.Tar;

/// <summary>
/// What the headers before an entry say about it: pax records ('x'), a GNU long name ('L') and long
/// link name ('K'). A repeated 'L' or 'K' replaces the one before it, as in GNU tar and libarchive;
/// a pax path or linkpath wins over both, and GNU.sparse.name (pax sparse 0.1 and 1.0) over all.
/// </summary>
internal sealed class TarMetadata
{
    public PaxRecords Pax { get; } = new();

    public byte[]? LongName { get; set; }

    public byte[]? LongLinkName { get; set; }

    /// <summary>Whether the entry had a pax header: then its size is always the size of its data.</summary>
    public bool HasPax => !Pax.IsEmpty;

    public bool IsSparse => Pax.All.Any(record => record.Key.StartsWith("GNU.sparse.", StringComparison.Ordinal));

    public string NameOf(TarHeader header) =>
        EntryNames.Utf8OrEscaped(Pax.Value("GNU.sparse.name") ?? Pax.Value("path") ?? LongName ?? header.Name);

    public string LinkNameOf(TarHeader header) =>
        EntryNames.Utf8OrEscaped(Pax.Value("linkpath") ?? LongLinkName ?? header.LinkName);

    /// <summary>A pax size wins (it is how sizes past 8 GiB were written before base-256); a header without any size is empty.</summary>
    public long SizeOf(TarHeader header) => Pax.Number("size") ?? header.Size ?? 0;

    /// <summary>GNU 'L' and 'K' data is the name and a terminating NUL.</summary>
    public static byte[] UpToNul(byte[] data)
    {
        var end = Array.IndexOf(data, (byte)0);
        return end < 0 ? data : data[..end];
    }
}

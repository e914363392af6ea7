namespace Fetch.Build.Core.Extraction.Tar;

/// <summary>
/// Walks a tar stream header by header, as tolerant as GNU tar and libarchive: V7, ustar, pax, star
/// and GNU headers, base-256 numbers, GNU long names, pax records, sparse files. Tolerance is safe
/// here because nothing this reader yields is trusted: every name, link and kind goes through
/// <see cref="TreeWriter"/>'s checks, which are what keeps extraction inside its folder. What it
/// cannot read it refuses in its own words, naming the entry.
/// </summary>
internal sealed class TarEntryReader
{
    /// <summary>
    /// The most metadata held in memory for one entry (a pax header, a long name). Real ones are a
    /// few hundred bytes; macOS resource forks in pax xattrs reach a few hundred kilobytes.
    /// </summary>
    public const int MaxMetadataBytes = 8 << 20;

    private readonly PushbackStream _archive;
    private readonly Action<long> _skipped;
    private readonly byte[] _skipBuffer = new byte[16 * 1024];
    private TarEntryStream? _data;
    private long _padding;
    private string? _previous;

    /// <param name="skipped">
    /// Told of every byte read that is not entry data handed out (headers, metadata, padding, data
    /// skipped): they cost time, and are counted like the bytes an extraction discards.
    /// </param>
    public TarEntryReader(Stream archive, Action<long> skipped)
    {
        _archive = new PushbackStream(archive);
        _skipped = skipped;
    }

    /// <summary>The next entry and its data (a file's content; null for kinds without one), or null at the end of the archive.</summary>
    public (ArchiveEntry Entry, Stream? Data)? Next()
    {
        FinishData();
        var metadata = new TarMetadata();
        while (ReadHeader() is { } header)
        {
            switch ((char)header.TypeFlag)
            {
                case 'x' or 'X':
                    // 'X' is the name Solaris tar gave the same header before POSIX did.
                    if (!metadata.Pax.Add(ReadMetadata(header, "pax header")))
                    {
                        throw new InvalidDataException($"the pax header {After()} is malformed: a record's length does not match its content");
                    }

                    break;
                case 'L':
                    metadata.LongName = TarMetadata.UpToNul(ReadMetadata(header, "GNU long name"));
                    break;
                case 'K':
                    metadata.LongLinkName = TarMetadata.UpToNul(ReadMetadata(header, "GNU long link name"));
                    break;
                case 'g' or 'V' or 'A':
                    // Metadata about the archive, not entries: pax global headers ('g', the commit id
                    // git archive writes), GNU volume labels, Solaris ACLs. Their data is skipped.
                    var size = DataSizeOf(header.Size ?? 0, "archive metadata header");
                    Skip(size + Padding(size));
                    break;
                default:
                    var member = TarMembers.Describe(header, metadata, this);
                    _previous = member.Entry.Name;
                    return member;
            }
        }

        return null;
    }

    /// <summary>Gives out <paramref name="length"/> bytes of data for the entry just read; the rest and the padding are skipped before the next header.</summary>
    internal TarEntryStream Data(long length, string entryName)
    {
        _data = new TarEntryStream(_archive, length, entryName);
        _padding = Padding(length);
        return _data;
    }

    /// <summary>Whether the block after the current header is the start of another entry or the end: the decision for sizes a writer may have filled in without data.</summary>
    internal bool NextBlockIsAHeader(string entryName)
    {
        if (ReadBlock(out var length) is not { } block)
        {
            // The end of the stream holds no data either; a partial block is a cut archive.
            if (length > 0)
            {
                throw new InvalidDataException($"entry '{entryName}' is truncated: the archive ends inside the block after it");
            }

            return true;
        }

        _archive.Unread(block);
        return block.AsSpan().IndexOfAnyExcept((byte)0) < 0 || TarHeader.HasValidChecksum(block);
    }

    /// <summary>The next raw block, for an old GNU sparse header's extension blocks.</summary>
    internal byte[] ExtensionBlock(string entryName)
    {
        var block = ReadBlock(out _)
            ?? throw new InvalidDataException($"entry '{entryName}' is truncated: the archive ends inside its sparse map");
        _skipped(TarHeader.BlockSize);
        return block;
    }

    /// <summary>An entry's data size, refused when negative.</summary>
    internal static long DataSizeOf(long size, string entryName) =>
        size >= 0 ? size : throw new InvalidDataException($"entry '{entryName}' has a negative size ({size})");

    private TarHeader? ReadHeader()
    {
        var block = ReadBlock(out var length);
        if (block is null)
        {
            // A partial block is a cut archive; none at all is an archive that ends without its
            // end-of-archive blocks, which every tar reader accepts.
            return length == 0 ? null : throw new InvalidDataException($"it is truncated inside the tar header {After()}");
        }

        _skipped(TarHeader.BlockSize);
        if (block.AsSpan().IndexOfAnyExcept((byte)0) < 0)
        {
            // The end-of-archive blocks. What follows is drained by the caller.
            return null;
        }

        return TarHeader.Parse(block)
            ?? throw new InvalidDataException($"the tar header {After()} is damaged: its checksum does not match its content");
    }

    /// <summary>The metadata entry's data, held in memory, refused past <see cref="MaxMetadataBytes"/>.</summary>
    private byte[] ReadMetadata(TarHeader header, string what)
    {
        var size = DataSizeOf(header.Size ?? 0, what);
        if (size > MaxMetadataBytes)
        {
            throw new InvalidDataException($"the {what} {After()} is {size} bytes, more than the {MaxMetadataBytes} a real archive needs");
        }

        var data = new byte[size];
        if (_archive.ReadAtLeast(data, data.Length, throwOnEndOfStream: false) != data.Length)
        {
            throw new InvalidDataException($"it is truncated inside the {what} {After()}");
        }

        _skipped(size);
        Skip(Padding(size));
        return data;
    }

    /// <summary>Skips what the last entry left unread, and the padding to the next block.</summary>
    private void FinishData()
    {
        if (_data is { Remaining: > 0 } data)
        {
            var unread = data.Remaining;
            while (data.Read(_skipBuffer) > 0)
            {
            }

            _skipped(unread);
        }

        _data = null;
        if (_padding > 0)
        {
            Skip(_padding);
            _padding = 0;
        }
    }

    private void Skip(long count)
    {
        _skipped(count);
        while (count > 0)
        {
            var read = _archive.Read(_skipBuffer.AsSpan(0, (int)Math.Min(count, _skipBuffer.Length)));
            if (read == 0)
            {
                throw new InvalidDataException($"it is truncated {After()}");
            }

            count -= read;
        }
    }

    /// <returns>A whole block, or null with <paramref name="length"/> the bytes there were (0 at a clean end).</returns>
    private byte[]? ReadBlock(out int length)
    {
        var block = new byte[TarHeader.BlockSize];
        length = _archive.ReadAtLeast(block, block.Length, throwOnEndOfStream: false);
        return length == block.Length ? block : null;
    }

    private string After() => _previous is null ? "at the start of the archive" : $"after entry '{_previous}'";

    private static long Padding(long size) => (TarHeader.BlockSize - (size % TarHeader.BlockSize)) % TarHeader.BlockSize;
}

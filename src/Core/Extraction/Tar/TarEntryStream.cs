namespace Fetch.Build.Core.Extraction.Tar;

/// <summary>
/// The data of one tar entry: exactly the bytes its header gives it. An archive that ends first is
/// an error that names the entry, not a short file.
/// </summary>
internal sealed class TarEntryStream : ReadOnlyStream
{
    private readonly Stream _archive;
    private readonly string _entryName;

    public TarEntryStream(Stream archive, long length, string entryName)
    {
        _archive = archive;
        Remaining = length;
        _entryName = entryName;
    }

    /// <summary>The bytes not read yet.</summary>
    public long Remaining { get; private set; }

    protected override int ReadCore(Span<byte> buffer)
    {
        if (Remaining == 0)
        {
            return 0;
        }

        var count = _archive.Read(buffer[..(int)Math.Min(buffer.Length, Remaining)]);
        if (count == 0)
        {
            throw new InvalidDataException($"entry '{_entryName}' is truncated: the archive ends {Remaining} bytes before the end of its data");
        }

        Remaining -= count;
        return count;
    }
}

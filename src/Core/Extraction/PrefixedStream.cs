namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Gives back the bytes already read to sniff a decompressed stream's format, then the rest of it,
/// so sniffing needs no second decompression.
/// </summary>
internal sealed class PrefixedStream : ReadOnlyStream
{
    private readonly ReadOnlyMemory<byte> _prefix;
    private readonly Stream _rest;
    private int _offset;

    public PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest)
    {
        _prefix = prefix;
        _rest = rest;
    }

    protected override int ReadCore(Span<byte> buffer)
    {
        if (_offset < _prefix.Length)
        {
            var count = Math.Min(buffer.Length, _prefix.Length - _offset);
            _prefix.Span.Slice(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }

        return _rest.Read(buffer);
    }
}

namespace Fetch.Build.Core.Extraction.Tar;

/// <summary>
/// A forward-only stream that can be given back one block it just read, so a reader can look at
/// the next block (is it a header?) and still hand it out as data when it is not.
/// </summary>
internal sealed class PushbackStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private byte[]? _back;
    private int _offset;

    public PushbackStream(Stream inner)
    {
        _inner = inner;
    }

    /// <summary>Makes <paramref name="block"/> the next bytes read. Only one block may wait at a time.</summary>
    public void Unread(byte[] block)
    {
        if (_back is not null)
        {
            throw new InvalidOperationException("a block is already waiting to be read again");
        }

        _back = block;
        _offset = 0;
    }

    protected override int ReadCore(Span<byte> buffer)
    {
        if (_back is null)
        {
            return _inner.Read(buffer);
        }

        var count = Math.Min(buffer.Length, _back.Length - _offset);
        _back.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        if (_offset == _back.Length)
        {
            _back = null;
        }

        return count;
    }
}

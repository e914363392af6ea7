namespace Fetch.Build.Core.Extraction;

/// <summary>
/// A read-only, seekable view of a file from <c>start</c> to its end, for a zip that follows other
/// bytes (a self-extractor's stub) and whose offsets count from the zip's first byte. Reads go
/// through the file handle at an explicit position: the view and the file never move each other.
/// </summary>
internal sealed class StreamWindow : Stream
{
    private readonly FileStream _file;
    private readonly long _start;
    private long _position;

    public StreamWindow(FileStream file, long start)
    {
        _file = file;
        _start = start;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _file.Length - _start;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = RandomAccess.Read(_file.SafeFileHandle, buffer, _start + _position);
        _position += count;
        return count;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

namespace Fetch.Build.Core.Extraction;

/// <summary>The forward-only, read-only stream shape the extraction wrappers share.</summary>
internal abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>
    /// A zero-length read returns 0 here, before the wrapper sees it: to a wrapper, 0 from its inner
    /// stream means the end, where checksums are compared. Tar asks for zero bytes for an empty file.
    /// </summary>
    public sealed override int Read(Span<byte> buffer) => buffer.IsEmpty ? 0 : ReadCore(buffer);

    protected abstract int ReadCore(Span<byte> buffer);

    /// <summary>Without the one-byte array <see cref="Stream.ReadByte"/> allocates on every call.</summary>
    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

namespace Fetch.Build.Core.Http;

/// <summary>
/// A forward-only, read-only view of another stream that sees every read's count: what
/// <see cref="BoundedStream"/> and the store's upload body need, and all the rest of
/// <see cref="Stream"/> refused once.
/// </summary>
internal abstract class CountingReadStream : Stream
{
    private readonly bool _ownsInner;

    protected CountingReadStream(Stream inner, bool ownsInner)
    {
        Inner = inner;
        _ownsInner = ownsInner;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    /// <summary>Bytes read through this view so far.</summary>
    public override long Position
    {
        get => ReadSoFar;
        set => throw new NotSupportedException();
    }

    protected Stream Inner { get; }

    protected long ReadSoFar { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Counted(Inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Called after every read with its count (0 at the end), once <see cref="ReadSoFar"/> includes it.</summary>
    protected abstract void OnRead(int read);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsInner)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Counted(int read)
    {
        ReadSoFar += read;
        OnRead(read);
        return read;
    }
}

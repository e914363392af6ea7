using Fetch.Build.Core.Http;

namespace Fetch.Build.Core.Remote;

/// <summary>
/// A file read for an upload, each read counted by a <see cref="StallGuard"/>: a store that stops
/// taking the body (less than a trickle within FetchTimeoutSeconds) ends the upload, while a large
/// one on a slow link lives as long as it moves.
/// </summary>
internal sealed class StallGuardedStream : Stream
{
    private readonly Stream _inner;
    private readonly StallGuard _stall;

    public StallGuardedStream(Stream inner, StallGuard stall)
    {
        _inner = inner;
        _stall = stall;
    }

    /// <summary>Bytes handed to the request so far.</summary>
    public long Sent { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => Sent;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _stall.Received(read);
        Sent += read;
        return read;
    }
}

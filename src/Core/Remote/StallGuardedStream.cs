using Fetch.Build.Core.Http;

namespace Fetch.Build.Core.Remote;

/// <summary>
/// A file read for an upload, each read counted by a <see cref="StallGuard"/>: a store that stops
/// taking the body (less than a trickle within FetchTimeoutSeconds) ends the upload, while a large
/// one on a slow link lives as long as it moves.
/// </summary>
internal sealed class StallGuardedStream : CountingReadStream
{
    private readonly StallGuard _stall;

    public StallGuardedStream(Stream inner, StallGuard stall)
        : base(inner, ownsInner: true)
    {
        _stall = stall;
    }

    /// <summary>Bytes handed to the request so far.</summary>
    public long Sent => ReadSoFar;

    public override long Length => Inner.Length;

    protected override void OnRead(int read) => _stall.Received(read);
}

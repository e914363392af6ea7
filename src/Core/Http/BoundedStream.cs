namespace Fetch.Build.Core.Http;

/// <summary>
/// A read-only view of a host's answer that refuses to read past a limit: an answer sent without
/// a length (chunked) is held to the same bound as one that declares it.
/// </summary>
internal sealed class BoundedStream : CountingReadStream
{
    private readonly long _limit;

    public BoundedStream(Stream inner, long limit)
        : base(inner, ownsInner: false)
    {
        _limit = limit;
    }

    protected override void OnRead(int read)
    {
        if (ReadSoFar > _limit)
        {
            throw AttemptFailedException.Permanent($"the answer is larger than {_limit} bytes");
        }
    }
}

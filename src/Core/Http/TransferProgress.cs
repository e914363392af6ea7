namespace Fetch.Build.Core.Http;

/// <summary>Counters of one download, updated by every segment and read by the progress reporter.</summary>
internal sealed class TransferProgress
{
    private long _done;
    private long _transferred;
    private long _total = -1;

    /// <summary>Bytes of the file in place, resumed prefix included.</summary>
    public long Done => Volatile.Read(ref _done);

    /// <summary>Bytes that came over the network during this call, across all attempts.</summary>
    public long Transferred => Volatile.Read(ref _transferred);

    public long? Total => Volatile.Read(ref _total) is var total && total >= 0 ? total : null;

    public void Restart(long done, long? total)
    {
        Volatile.Write(ref _done, done);
        Volatile.Write(ref _total, total ?? -1);
    }

    public void Add(int bytes)
    {
        Interlocked.Add(ref _done, bytes);
        Interlocked.Add(ref _transferred, bytes);
    }
}

namespace Fetch.Build.Core.Remote;

/// <summary>
/// Whether the remote store can be reached, learnt once per run: the first request goes alone,
/// the others wait for its answer (headers, not body), and once a request found no server there
/// the store is not asked again in this run. So an unreachable store costs one connection attempt
/// per build, however many artifacts and workers ask at once.
/// </summary>
internal sealed class StoreReachability
{
    private readonly TaskCompletionSource _firstSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _asked;
    private int _unreachable;

    public bool IsUnreachable => Volatile.Read(ref _unreachable) == 1;

    /// <summary>True when a request may go to the store now; the first caller of the run is never kept waiting.</summary>
    public async Task<bool> MayAskAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _asked, 1) == 1)
        {
            await _firstSettled.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return !IsUnreachable;
    }

    /// <summary>A request ended, answered or not: the waiting ones may go.</summary>
    public void Settled() => _firstSettled.TrySetResult();

    /// <summary>No server answered. True for the one caller that found out first, which says so.</summary>
    public bool MarkUnreachable()
    {
        var first = Interlocked.Exchange(ref _unreachable, 1) == 0;
        Settled();
        return first;
    }
}

namespace Fetch.Build.Core.Maintenance;

/// <summary>
/// What a prune removed (or, dry, would remove), how much content it left alone because a running
/// build holds it or used it meanwhile (<see cref="InUse"/>), and the stored bytes before and after.
/// </summary>
internal sealed record PruneReport(IReadOnlyList<RemovedItem> Removed, int InUse, long StoredBefore, long StoredAfter)
{
    public long Freed => Removed.Sum(r => r.Size);
}

namespace Fetch.Build.Core.Maintenance;

/// <summary>
/// What a prune removes besides leftovers (SPEC §8): least-recently-used content until at most
/// <see cref="MaxSize"/> bytes remain, and content unused for longer than <see cref="UnusedFor"/>.
/// <see cref="Everything"/> is <c>cache clean</c>: all content, and leftovers of any age whose lock is free.
/// <see cref="Leftovers"/>: also sweep failed and orphan rows and blobs, unused trees, partials and temps
/// (the size cap after a build does not; that build swept what is a day old already).
/// </summary>
internal sealed record PruneOptions
{
    public long? MaxSize { get; init; }

    public TimeSpan? UnusedFor { get; init; }

    public bool Everything { get; init; }

    public bool Leftovers { get; init; } = true;

    public bool DryRun { get; init; }

    /// <summary>Content the caller uses (the build that just ran): never removed.</summary>
    public IReadOnlyCollection<string> Keep { get; init; } = [];
}

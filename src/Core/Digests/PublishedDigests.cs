namespace Fetch.Build.Core.Digests;

/// <summary>
/// What the remote digest sources said about an artifact: the digests of the first that gave
/// some, and why each source that owned it before that gave none.
/// </summary>
internal sealed record PublishedDigests(PinnedDigests? Pinned, IReadOnlyList<string> Failures)
{
    public static PublishedDigests None { get; } = new(null, []);
}

namespace Fetch.Build.Core.Resolution;

/// <summary>
/// Content present in the store. <see cref="TransferredBytes"/> is 0 when it was already cached.
/// <see cref="WebPage"/>: an unpinned artifact for which the server sent a web page instead of a
/// file (a login wall, an error portal); the cache does not keep it as the URL's content.
/// </summary>
internal sealed record ResolvedContent(string Sha256, long Size, long TransferredBytes, bool WebPage = false)
{
    /// <summary>
    /// Who vouches for these bytes for this request, completing "the SHA-256 …" ("declared on the
    /// item", "the GitHub release lists"): what they were verified against now, or when the cache got
    /// them from a host. Null when nothing does: FB1005.
    /// </summary>
    public string? PinnedBy { get; init; }

    /// <summary>True when <see cref="PinnedBy"/> is a host's published digest, which the cache and placements remember for the URL.</summary>
    public bool Published { get; init; }

    /// <summary>Why the hosts that own this artifact pinned nothing in this download, for FB1005 to say; null when none was asked or one answered.</summary>
    public string? Unpublished { get; init; }
}

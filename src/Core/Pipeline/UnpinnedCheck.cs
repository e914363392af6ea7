using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Resolution;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// What a placement remembers of who pinned it: a placement of host-verified content (a host's
/// published digest, <see cref="ResolvedContent.PinnedBy"/>) is recorded under
/// <see cref="RequestKeys.Published"/>, so that an up-to-date build knows it was pinned with no
/// cache and no request. <see cref="Pinning.Pins"/> decides FB1005 from that.
/// </summary>
internal static class UnpinnedCheck
{
    /// <summary>What vouches for a placed artifact, as far as the placement's key says; null when nothing does.</summary>
    public static string? PinnedBy(ArtifactRequest request, string placedKey) =>
        request.Digests.Count > 0 ? DeclaredDigests.Origin : RequestKeys.IsPublished(placedKey) ? "a digest its host published" : null;

    /// <summary>The key a placement of <paramref name="content"/> is recorded under.</summary>
    public static string PlacementKey(ArtifactRequest request, string requestKey, ResolvedContent content) =>
        content.WebPage ? RequestKeys.Unsettled(requestKey)
        : request.Digests.Count == 0 && content.Published ? RequestKeys.Published(requestKey)
        : requestKey;
}

using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Resolution;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// Whether an artifact is pinned, and by whom: the one place FB1005 is decided. Pinned means the
/// item declares a digest, or something vouched for the bytes when they were fetched (a host's
/// published digest, <see cref="ResolvedContent.PinnedBy"/>). A placement of host-verified content
/// is recorded under <see cref="RequestKeys.Published"/>, so that an up-to-date build knows it was
/// pinned with no cache and no request.
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

    /// <summary>
    /// True when the artifact may be used. An unpinned one gets FB1005 — a warning, or an error
    /// with FetchRequireHash that keeps it from being used — saying why no host pinned it when one
    /// was asked (<paramref name="unpublished"/>), or that the server sent a web page.
    /// </summary>
    public static bool Accept(ArtifactRequest request, string? pinnedBy, string sha256, bool requireHash, IFetchLog log, string? unpublished = null, bool webPage = false)
    {
        if (pinnedBy is not null || request.Digests.Count > 0)
        {
            return true;
        }

        log.Report(webPage
            ? DiagnosticCatalog.MissingDigestWebPage(request.MaskedUrl, request.FileName, requireHash)
            : DiagnosticCatalog.MissingDigest(request.MaskedUrl, sha256, requireHash, unpublished));
        return !requireHash;
    }
}

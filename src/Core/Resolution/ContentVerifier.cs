using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Resolution;

/// <summary>
/// The one check every fetched byte passes, whichever source it came from: the digests computed
/// as it streamed in against what was expected, and where that expectation came from.
/// </summary>
internal static class ContentVerifier
{
    /// <summary>Throws FB1001 naming the first digest that does not match and its origin; nothing when all match or nothing was expected.</summary>
    public static void Verify(ArtifactRequest request, ContentDigests actual, PinnedDigests? expected)
    {
        if (expected is null || actual.FirstMismatch(expected.Digests) is not { } wrong)
        {
            return;
        }

        throw new FetchException(DiagnosticCatalog.DigestMismatch(
            request.MaskedUrlVia, wrong.Algorithm.DisplayName(), expected.Origin, wrong.Hex, actual.Get(wrong.Algorithm)!));
    }
}

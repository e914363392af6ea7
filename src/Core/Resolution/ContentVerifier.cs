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
        if (Mismatch(request, actual, expected) is { } wrong)
        {
            throw new FetchException(wrong);
        }
    }

    /// <summary>FB1001 naming the first digest that does not match and its origin; null when all match or nothing was expected.</summary>
    public static FetchDiagnostic? Mismatch(ArtifactRequest request, ContentDigests actual, PinnedDigests? expected)
    {
        if (expected is null || actual.FirstMismatch(expected.Digests) is not { } wrong)
        {
            return null;
        }

        return DiagnosticCatalog.DigestMismatch(
            request.MaskedUrlVia, wrong.Algorithm.DisplayName(), expected.Origin, wrong.Hex, actual.Get(wrong.Algorithm)!);
    }
}

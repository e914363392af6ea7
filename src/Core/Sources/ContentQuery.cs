using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Sources;

/// <summary>
/// What a content source is asked for: the artifact, what its bytes should hash to when that is
/// known beforehand, where they go, who hashes them, the credentials its requests may carry, and
/// the artifact's log for what the source has to say.
/// </summary>
internal sealed record ContentQuery(
    ArtifactRequest Request,
    PinnedDigests? Expected,
    string PartialPath,
    ContentHasher Hasher,
    RequestCredentials Credentials,
    IFetchLog Log)
{
    /// <summary>
    /// The resolver's own verification of a finished URL's digests (FB1001 when they are wrong),
    /// for a source with several URLs to move on to the next one; null accepts any bytes.
    /// </summary>
    public Func<ContentDigests, FetchDiagnostic?>? Check { get; init; }
}

using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Http;

/// <summary>
/// What to download: the Include URL then its mirrors, in order, and the credentials its requests
/// may carry (each to its own origin only).
/// </summary>
internal sealed record DownloadSpec(
    IReadOnlyList<Uri> Sources,
    string MaskedUrl,
    RequestCredentials Credentials)
{
    /// <summary>
    /// Run on the digests of the bytes one source gave, before they are accepted: a mismatch (the
    /// diagnostic it returns) sends the download on to the next source. The caller's own
    /// verifier, so that one check decides for every source; null accepts any bytes.
    /// </summary>
    public Func<ContentDigests, FetchDiagnostic?>? Check { get; init; }
}

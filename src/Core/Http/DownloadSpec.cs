using Fetch.Build.Core.Credentials;

namespace Fetch.Build.Core.Http;

/// <summary>
/// What to download: the Include URL then its mirrors, in order, and the credentials its requests
/// may carry (each to its own origin only).
/// </summary>
internal sealed record DownloadSpec(
    IReadOnlyList<Uri> Sources,
    string MaskedUrl,
    RequestCredentials Credentials);

namespace Fetch.Build.Core.Http;

/// <summary>
/// What to download: the Include URL then its mirrors, in order. <see cref="Headers"/> and the
/// bearer token are sent only to the host of <c>Sources[0]</c>.
/// </summary>
internal sealed record DownloadSpec(
    IReadOnlyList<Uri> Sources,
    string MaskedUrl,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? BearerToken,
    string? BearerTokenVariable);

namespace Fetch.Build.Core.Client;

/// <summary>
/// One file to fetch: its URL (the content's identity in the cache), the digests it must have, and
/// how to reach it. The same fields as a <c>DownloadArtifact</c> item of the build (SPEC §2).
/// </summary>
public sealed class FetchRequest
{
    /// <summary>A request for the content at <paramref name="url"/> (https://, http:// or file://).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is null.</exception>
    public FetchRequest(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        Url = url;
    }

    /// <summary>Where the content lives, and its key in the cache: the same URL a build declares finds the same content.</summary>
    public Uri Url { get; }

    /// <summary>The expected SHA-256 in hex; the content is used only if it matches (FB1001 when not). Null: not given.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Expected digests as Subresource Integrity (<c>sha256-BASE64</c>, several separated by spaces). Null: not given.</summary>
    public string? Integrity { get; init; }

    /// <summary>Other URLs serving the same bytes, tried in order after <see cref="Url"/>.</summary>
    public IReadOnlyList<Uri> Mirrors { get; init; } = [];

    /// <summary>Extra request headers, sent only to <see cref="Url"/>'s host. Values may not contain ';'.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Name of an environment variable holding a bearer token for <see cref="Url"/>'s host. Null: none.</summary>
    public string? BearerTokenVariable { get; init; }

    /// <summary>
    /// The file's name, which tells an archive's format by its extension when extracting. Null: the
    /// last segment of <see cref="Url"/>.
    /// </summary>
    public string? FileName { get; init; }
}

using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Hosts;

/// <summary>
/// Where the hosts that publish digests live. Read from the environment once, with the
/// conventions of their own tools: <c>HF_ENDPOINT</c> (huggingface_hub), <c>GITHUB_SERVER_URL</c>
/// and <c>GITHUB_API_URL</c> (GitHub Actions, GitHub Enterprise). Tests point them at loopback servers.
/// </summary>
internal sealed record HostEndpoints
{
    public const string HuggingFaceVariable = "HF_ENDPOINT";
    public const string GitHubServerVariable = "GITHUB_SERVER_URL";
    public const string GitHubApiVariable = "GITHUB_API_URL";

    /// <summary>Hosts whose record URLs get their checksum from the Zenodo files API.</summary>
    public IReadOnlyList<string> ZenodoHosts { get; init; } = ["zenodo.org", "sandbox.zenodo.org"];

    /// <summary>The Hugging Face hub: URLs under it are hub URLs. Always ends in '/'.</summary>
    public Uri HuggingFace { get; init; } = new("https://huggingface.co/");

    /// <summary>Where GitHub release assets are downloaded from. Always ends in '/'.</summary>
    public Uri GitHubServer { get; init; } = new("https://github.com/");

    /// <summary>The GitHub REST API that lists a release's assets. Always ends in '/'.</summary>
    public Uri GitHubApi { get; init; } = new("https://api.github.com/");

    /// <summary>The endpoints the environment names; a value that is not an absolute http(s) URL is ignored.</summary>
    public static HostEndpoints From(FetchEnvironment environment)
    {
        var defaults = new HostEndpoints();
        return defaults with
        {
            HuggingFace = Endpoint(environment, HuggingFaceVariable) ?? defaults.HuggingFace,
            GitHubServer = Endpoint(environment, GitHubServerVariable) ?? defaults.GitHubServer,
            GitHubApi = Endpoint(environment, GitHubApiVariable) ?? defaults.GitHubApi,
        };
    }

    /// <summary>An endpoint as a base URL: its path ends in '/', so relative paths go under it.</summary>
    public static Uri AsBase(Uri endpoint) =>
        endpoint.AbsolutePath.EndsWith('/') ? endpoint : new UriBuilder(endpoint) { Path = endpoint.AbsolutePath + "/" }.Uri;

    public bool IsZenodo(Uri url) => !url.IsFile && ZenodoHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The path of <paramref name="url"/> below <paramref name="endpoint"/>, split into its segments
    /// (still escaped); null when the URL is not under the endpoint (another origin or path).
    /// </summary>
    public static string[]? SegmentsUnder(Uri url, Uri endpoint)
    {
        if (url.IsFile || !Credentials.Origins.Same(url, endpoint) ||
            !url.AbsolutePath.StartsWith(endpoint.AbsolutePath, StringComparison.Ordinal))
        {
            return null;
        }

        return url.AbsolutePath[endpoint.AbsolutePath.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    private static Uri? Endpoint(FetchEnvironment environment, string variable) =>
        environment.GetNonEmpty(variable) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? AsBase(uri)
            : null;
}

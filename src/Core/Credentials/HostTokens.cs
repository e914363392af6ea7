using Fetch.Build.Core.Hosts;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Credentials;

/// <summary>
/// Tokens the environment holds for the hosts that publish digests, each for its own host only:
/// <c>HF_TOKEN</c> for the Hugging Face hub (never the CDN it redirects to), <c>GITHUB_TOKEN</c>
/// (else <c>GH_TOKEN</c>) for the GitHub API, <c>ZENODO_ACCESS_TOKEN</c> for Zenodo.
/// </summary>
internal sealed class HostTokens
{
    public const string HuggingFace = "HF_TOKEN";
    public const string GitHub = "GITHUB_TOKEN";
    public const string GitHubCli = "GH_TOKEN";
    public const string Zenodo = "ZENODO_ACCESS_TOKEN";

    private readonly FetchEnvironment _environment;
    private readonly HostEndpoints _hosts;

    public HostTokens(FetchEnvironment environment, HostEndpoints hosts)
    {
        _environment = environment;
        _hosts = hosts;
    }

    /// <summary>The token for <paramref name="url"/>'s origin, or null when none is set for it.</summary>
    public string? For(Uri url)
    {
        if (url.IsFile)
        {
            return null;
        }

        if (Origins.Same(url, _hosts.HuggingFace))
        {
            return _environment.GetNonEmpty(HuggingFace);
        }

        if (Origins.Same(url, _hosts.GitHubApi))
        {
            return _environment.GetNonEmpty(GitHub) ?? _environment.GetNonEmpty(GitHubCli);
        }

        return _hosts.IsZenodo(url) ? _environment.GetNonEmpty(Zenodo) : null;
    }
}

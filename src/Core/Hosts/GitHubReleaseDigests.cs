using System.Collections.Concurrent;
using System.Text.Json;
using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Hosts;

/// <summary>
/// GitHub lists a <c>digest</c> (<c>sha256:&lt;hex&gt;</c>) for each asset of a release. For a
/// <c>{server}/{owner}/{repo}/releases/download/{tag}/{name}</c> URL (or <c>releases/latest/download/{name}</c>),
/// <c>GET {api}/repos/{owner}/{repo}/releases/tags/{tag}</c> (or <c>releases/latest</c>) gives it. A
/// release is asked once per build however many of its assets the build fetches: the API's budget
/// without a token is small.
/// </summary>
internal sealed class GitHubReleaseDigests : IDigestSource
{
    public const string Origin = "the GitHub release lists";

    private readonly HostEndpoints _hosts;
    private readonly Func<ApiClient> _api;
    private readonly CredentialResolver _credentials;
    private readonly ConcurrentDictionary<string, Lazy<Task<ReleaseAssets>>> _releases = new(StringComparer.Ordinal);

    public GitHubReleaseDigests(HostEndpoints hosts, Func<ApiClient> api, CredentialResolver credentials)
    {
        _hosts = hosts;
        _api = api;
        _credentials = credentials;
    }

    public bool IsRemote => true;

    /// <summary>The release's API URL and the asset's name, when <paramref name="url"/> names a release asset on the server.</summary>
    public bool TryParse(Uri url, out Uri api, out string name)
    {
        api = url;
        name = string.Empty;
        if (HostEndpoints.SegmentsUnder(url, _hosts.GitHubServer) is not { Length: 6 } s || s[2] != "releases")
        {
            return false;
        }

        string release;
        if (s[3] == "download")
        {
            release = "tags/" + s[4];
        }
        else if (s[3] == "latest" && s[4] == "download")
        {
            release = "latest";
        }
        else
        {
            return false;
        }

        api = new Uri(HostEndpoints.AsBase(_hosts.GitHubApi), $"repos/{s[0]}/{s[1]}/releases/{release}");
        name = Uri.UnescapeDataString(s[5]);
        return true;
    }

    public async Task<PinnedDigests?> FindAsync(ArtifactRequest request, CancellationToken cancellationToken)
    {
        if (!TryParse(request.Url, out var api, out var name))
        {
            return null;
        }

        var release = await _releases.GetOrAdd(api.AbsoluteUri, _ => new Lazy<Task<ReleaseAssets>>(() => LoadAsync(api, request.MaskedUrl, cancellationToken))).Value.ConfigureAwait(false);
        if (release.Failure is { } failure)
        {
            throw new DigestLookupException($"the GitHub release {UrlMasker.Mask(api)} did not answer: {failure}");
        }

        if (!release.Digests.TryGetValue(name, out var digest))
        {
            throw new DigestLookupException($"the GitHub release lists no asset named '{name}'");
        }

        return digest is null
            ? throw new DigestLookupException($"the GitHub release lists no SHA-256 digest for '{name}' (older releases have none)")
            : new PinnedDigests([digest], Origin);
    }

    /// <summary>Each asset's digest by name (null when it lists none) from a release's JSON.</summary>
    internal static Dictionary<string, ExpectedDigest?> ReadAssets(JsonElement release)
    {
        var digests = new Dictionary<string, ExpectedDigest?>(StringComparer.Ordinal);
        if (!release.TryGetProperty("assets", out var assets) || assets.ValueKind != JsonValueKind.Array)
        {
            return digests;
        }

        foreach (var asset in assets.EnumerateArray())
        {
            if (asset.TryGetProperty("name", out var name) && name.GetString() is { } text)
            {
                digests.TryAdd(text, asset.TryGetProperty("digest", out var digest) && digest.GetString() is { } value ? PublishedDigest.Prefixed(value, bare: null) : null);
            }
        }

        return digests;
    }

    private async Task<ReleaseAssets> LoadAsync(Uri api, string maskedUrl, CancellationToken cancellationToken)
    {
        var answer = await _api().GetJsonAsync(api, _credentials.ForHost(api, maskedUrl), cancellationToken).ConfigureAwait(false);
        using var document = answer.Value;
        return document is null ? new ReleaseAssets([], answer.Failure) : new ReleaseAssets(ReadAssets(document.RootElement), null);
    }

    private sealed record ReleaseAssets(Dictionary<string, ExpectedDigest?> Digests, string? Failure);
}

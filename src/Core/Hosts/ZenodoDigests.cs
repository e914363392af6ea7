using System.Text.Json;
using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Hosts;

/// <summary>
/// Zenodo publishes a checksum for every file of a record. For a
/// <c>zenodo.org/records/&lt;id&gt;/files/&lt;name&gt;</c> URL given without a digest, the record's
/// files API supplies the digest to enforce, so even an unpinned Zenodo download is verified.
/// </summary>
internal sealed class ZenodoDigests : IDigestSource
{
    public const string Origin = "the Zenodo record lists";

    private readonly HostEndpoints _hosts;
    private readonly Func<ApiClient> _api;
    private readonly CredentialResolver _credentials;

    /// <param name="hosts">Where Zenodo is.</param>
    /// <param name="api">The run's API client, built on first use: most artifacts are not Zenodo's.</param>
    /// <param name="credentials">The run's credentials: ZENODO_ACCESS_TOKEN and netrc for the record's host.</param>
    public ZenodoDigests(HostEndpoints hosts, Func<ApiClient> api, CredentialResolver credentials)
    {
        _hosts = hosts;
        _api = api;
        _credentials = credentials;
    }

    public bool IsRemote => true;

    /// <summary>The record's API URL and the file's key, when <paramref name="url"/> names a file of a Zenodo record.</summary>
    public bool TryParse(Uri url, out Uri api, out string key)
    {
        api = url;
        key = string.Empty;
        var parts = url.AbsolutePath.Trim('/').Split('/');
        // records/<id>/files/<name>[/content]; "record" is the older spelling.
        if (!_hosts.IsZenodo(url) || parts.Length < 4 ||
            parts[0] is not ("records" or "record") || parts[2] != "files" || !parts[1].All(char.IsAsciiDigit))
        {
            return false;
        }

        api = new Uri(url, $"/api/records/{parts[1]}");
        key = Uri.UnescapeDataString(parts[3]);
        return true;
    }

    /// <summary>The checksum Zenodo lists for the file; null when the URL is not Zenodo's.</summary>
    public async Task<PinnedDigests?> FindAsync(ArtifactRequest request, CancellationToken cancellationToken)
    {
        if (!TryParse(request.Url, out var api, out var key))
        {
            return null;
        }

        var answer = await _api().GetJsonAsync(api, _credentials.ForHost(api, request.MaskedUrl), cancellationToken).ConfigureAwait(false);
        using var document = answer.Value;
        if (document is null)
        {
            throw new DigestLookupException($"the Zenodo record {UrlMasker.Mask(api)} did not answer: {answer.Failure}");
        }

        return FindChecksum(document.RootElement, key) is { } digest
            ? new PinnedDigests([digest], Origin)
            : throw new DigestLookupException($"the Zenodo record lists no checksum for '{key}'");
    }

    /// <summary>Reads <c>files[]</c> (legacy API), <c>files.entries[]</c> or <c>entries[]</c> (InvenioRDM).</summary>
    internal static ExpectedDigest? FindChecksum(JsonElement root, string key)
    {
        var files = root.TryGetProperty("files", out var f) ? f : root;
        if (files.ValueKind == JsonValueKind.Object && files.TryGetProperty("entries", out var entries))
        {
            files = entries;
        }

        if (files.ValueKind == JsonValueKind.Object && files.TryGetProperty(key, out var single))
        {
            return Parse(single);
        }

        if (files.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var file in files.EnumerateArray())
        {
            if (file.TryGetProperty("key", out var name) && name.GetString() == key)
            {
                return Parse(file);
            }
        }

        return null;
    }

    private static ExpectedDigest? Parse(JsonElement file) =>
        file.TryGetProperty("checksum", out var checksum) && checksum.GetString() is { } text ? PublishedDigest.Prefixed(text, DigestAlgorithm.Md5) : null;
}

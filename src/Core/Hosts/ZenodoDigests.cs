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

    private readonly IReadOnlyList<string> _hosts;
    private readonly Func<ApiClient> _api;

    /// <param name="hosts">The hosts that are Zenodo.</param>
    /// <param name="api">The run's API client, built on first use: most artifacts are not Zenodo's.</param>
    public ZenodoDigests(IReadOnlyList<string> hosts, Func<ApiClient> api)
    {
        _hosts = hosts;
        _api = api;
    }

    public bool IsRemote => true;

    /// <summary>The record's API URL and the file's key, when <paramref name="url"/> names a file of a Zenodo record.</summary>
    public bool TryParse(Uri url, out Uri api, out string key)
    {
        api = url;
        key = string.Empty;
        var parts = url.AbsolutePath.Trim('/').Split('/');
        // records/<id>/files/<name>[/content]; "record" is the older spelling.
        if (url.IsFile || !_hosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase) || parts.Length < 4 ||
            parts[0] is not ("records" or "record") || parts[2] != "files" || !parts[1].All(char.IsAsciiDigit))
        {
            return false;
        }

        api = new Uri(url, $"/api/records/{parts[1]}");
        key = Uri.UnescapeDataString(parts[3]);
        return true;
    }

    /// <summary>The checksum Zenodo lists for the file, or null when the URL is not Zenodo's or the record does not say.</summary>
    public async Task<PinnedDigests?> FindAsync(ArtifactRequest request, CancellationToken cancellationToken)
    {
        if (!TryParse(request.Url, out var api, out var key))
        {
            return null;
        }

        // The record's metadata is a bonus check; without it the download goes on as an unpinned one.
        var answer = await _api().GetJsonAsync(api, RequestCredentials.None, cancellationToken).ConfigureAwait(false);
        using var document = answer.Document;
        return document is not null && FindChecksum(document.RootElement, key) is { } digest ? new PinnedDigests([digest], Origin) : null;
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

    private static ExpectedDigest? Parse(JsonElement file)
    {
        if (!file.TryGetProperty("checksum", out var checksum) || checksum.GetString() is not { } text)
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var algorithm = colon < 0 ? "md5" : text[..colon].ToLowerInvariant();
        var hex = colon < 0 ? text : text[(colon + 1)..];
        DigestAlgorithm? parsed = algorithm switch
        {
            "md5" => DigestAlgorithm.Md5,
            "sha256" => DigestAlgorithm.Sha256,
            "sha512" => DigestAlgorithm.Sha512,
            _ => null,
        };
        return parsed is { } known ? DigestParser.ParseHex(known, hex, out _) : null;
    }
}

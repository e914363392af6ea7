using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;

namespace Fetch.Build.Core.Requests;

/// <summary>
/// FB1018: MSBuild logs every item spec and its metadata as written (-v:diag, binary logs), so a
/// secret in an Include or Mirrors URL leaks there whatever Fetch.Build masks. User-info, and query
/// parameters named like the credentials signed URLs and APIs use, are worth a warning.
/// </summary>
internal static class CredentialsInUrls
{
    // Query parameter names that carry a secret in common signed-URL and API schemes: S3 (X-Amz-*),
    // Azure SAS (sig), Google (X-Goog-*), CloudFront (Signature, Policy, Key-Pair-Id), OAuth, API keys.
    private static readonly string[] SecretNames =
    [
        "token", "access_token", "id_token", "refresh_token", "auth", "authorization", "sig", "signature",
        "key", "apikey", "api_key", "api-key", "secret", "client_secret", "password", "passwd", "pwd",
        "policy", "key-pair-id", "private_token", "session",
    ];

    private static readonly string[] SecretPrefixes = ["x-amz-", "x-goog-"];

    /// <summary>One FB1018 per Include URL, and per Mirrors entry, that carries something like a credential.</summary>
    public static void Report(IReadOnlyList<RawArtifact> artifacts, IFetchLog log)
    {
        foreach (var artifact in artifacts)
        {
            // Cheap on the every-build path: a URL with neither '@' nor '?' is skipped unparsed.
            if (artifact.Include.IndexOfAny(['@', '?']) >= 0 && Find(artifact.Include.Trim()) is { } what)
            {
                log.Report(DiagnosticCatalog.CredentialInUrl(UrlMasker.Mask(artifact.Include), what));
            }

            if (artifact.Metadata.TryGetValue(MetadataNames.Mirrors, out var mirrors) && mirrors.IndexOfAny(['@', '?']) >= 0)
            {
                foreach (var mirror in mirrors.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (Find(mirror) is { } inMirror)
                    {
                        log.Report(DiagnosticCatalog.CredentialInUrl(UrlMasker.Mask(artifact.Include), $"{inMirror} in the Mirrors entry {UrlMasker.Mask(mirror)}"));
                    }
                }
            }
        }
    }

    /// <summary>What in <paramref name="url"/> looks like a credential, or null.</summary>
    public static string? Find(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "user-info (user:password@)";
        }

        if (uri.Query.Length <= 1)
        {
            return null;
        }

        foreach (var pair in uri.Query[1..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            if (IsSecretName(name))
            {
                return $"the query parameter '{name}'";
            }
        }

        return null;
    }

    private static bool IsSecretName(string name)
    {
        foreach (var secret in SecretNames)
        {
            if (string.Equals(name, secret, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var prefix in SecretPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

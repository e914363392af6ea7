using System.Security.Cryptography;
using System.Text;

namespace Fetch.Build.Core.Caching;

/// <summary>
/// Keys for content known by URL only. The key is a hash: the registry never holds a URL whose
/// query may carry a token (RELIABILITY 20).
/// </summary>
internal static class UrlKeys
{
    public static string For(Uri url, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var text = new StringBuilder(Normalise(url));
        if (headers.Count == 0)
        {
            // Most artifacts: no sort to set up (every build computes this key for every artifact).
            return Hash(text.ToString());
        }

        foreach (var (name, value) in headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            // Headers can change the bytes served (Accept, API versions), so they are part of the key.
            text.Append('\n').Append(name.ToLowerInvariant()).Append(':').Append(value);
        }

        return Hash(text.ToString());
    }

    public static string Hash(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    /// <summary>Scheme and host lower-case, default port dropped, fragment dropped; path and query kept as sent.</summary>
    public static string Normalise(Uri url)
    {
        var builder = new UriBuilder(url) { Fragment = string.Empty };
        if (url.IsDefaultPort)
        {
            builder.Port = -1;
        }

        builder.Scheme = builder.Scheme.ToLowerInvariant();
        builder.Host = builder.Host.ToLowerInvariant();
        return builder.Uri.AbsoluteUri;
    }
}

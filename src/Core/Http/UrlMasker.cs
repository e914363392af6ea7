using System.Text;

namespace Fetch.Build.Core.Http;

/// <summary>
/// Makes a URL safe to log: user-info becomes <c>***</c> and every query value becomes <c>***</c>
/// (names stay, so a reader can tell which URL it is). Fragments are dropped.
/// </summary>
internal static class UrlMasker
{
    public static string Mask(string url)
    {
        // A bare "/path" parses as file:///path on Unix: it is shown as written, not as a URL nobody wrote.
        // So does "user:secret@host/x" — scheme "user" — whose secret only the unparsed rule hides.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !url.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase))
        {
            return MaskUnparsed(url);
        }

        return Mask(uri);
    }

    public static string Mask(Uri uri)
    {
        if (uri.IsFile)
        {
            return uri.AbsoluteUri;
        }

        var text = new StringBuilder();
        text.Append(uri.Scheme).Append("://");
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            text.Append("***@");
        }

        text.Append(uri.IsDefaultPort ? uri.Host : uri.Authority[(uri.Authority.LastIndexOf('@') + 1)..]);
        if (uri.HostNameType == UriHostNameType.IPv6 && uri.IsDefaultPort)
        {
            text.Clear().Append(uri.Scheme).Append("://").Append(string.IsNullOrEmpty(uri.UserInfo) ? string.Empty : "***@").Append('[').Append(uri.DnsSafeHost).Append(']');
        }

        text.Append(uri.AbsolutePath);
        if (uri.Query.Length > 1)
        {
            text.Append('?').Append(MaskQuery(uri.Query[1..]));
        }

        return text.ToString();
    }

    private static string MaskQuery(string query) =>
        string.Join('&', query.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? pair : pair[..equals] + "=***";
        }));

    private static string MaskUnparsed(string url)
    {
        var cut = url.IndexOfAny(['?', '#']);
        var head = cut < 0 ? url : url[..cut];
        var scheme = head.IndexOf("://", StringComparison.Ordinal);
        var start = scheme >= 0 ? scheme + 3 : 0;
        var slash = head.IndexOf('/', start);
        var authority = slash < 0 ? head[start..] : head[start..slash];
        // The last '@' of the authority ends the user-info: a password may hold an unescaped one.
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            head = head[..start] + "***@" + head[(start + at + 1)..];
        }

        return cut < 0 ? head : head + "?***";
    }
}

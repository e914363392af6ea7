using System.Text.RegularExpressions;

namespace Fetch.Build.Core.Rewrites;

/// <summary>
/// A rule's text made safe to echo: a replacement may hold a mirror's user-info or a token in its
/// query, and rule text is not a URL <see cref="Http.UrlMasker"/> could parse.
/// </summary>
internal static partial class RewriteText
{
    public static string Mask(string text) => QueryValue().Replace(UserInfo().Replace(text, "://***@"), "$1***");

    [GeneratedRegex(@"://[^/@\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"([?&][^=&?\s]+=)[^&\s]*", RegexOptions.CultureInvariant)]
    private static partial Regex QueryValue();
}

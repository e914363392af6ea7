using System.Text.RegularExpressions;

namespace Fetch.Build.Core.Rewrites;

/// <summary>A <c>rewrite &lt;regex&gt; &lt;replacement&gt;</c> line: the first match of the pattern in a URL is replaced.</summary>
internal sealed record RewriteRule(Regex Pattern, string Replacement, int Line);

/// <summary>A <c>block HOST</c> or <c>allow HOST</c> line: the host exactly, any port, compared ignoring case.</summary>
internal sealed record HostRule(string Host, int Line)
{
    public bool Matches(Uri url) =>
        string.Equals(Bare(url.IdnHost), Host, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(Bare(url.Host), Host, StringComparison.OrdinalIgnoreCase);

    /// <summary>An IPv6 host without its brackets, as a rule may write it either way.</summary>
    public static string Bare(string host) => host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
}

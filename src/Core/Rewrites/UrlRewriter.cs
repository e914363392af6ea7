using System.Text.RegularExpressions;
using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;

namespace Fetch.Build.Core.Rewrites;

/// <summary>
/// The rules of one rewrite file, applied to one URL at a time: the first <c>rewrite</c> whose
/// pattern matches gives the URL to request (rules see it without user-info, so a credential can
/// never be carried into another URL), then the host of that URL must not be blocked and, once any
/// <c>allow</c> line exists, must be allowed. A <c>file://</c> URL has no host to refuse.
/// </summary>
internal sealed class UrlRewriter
{
    private readonly IReadOnlyList<RewriteRule> _rewrites;
    private readonly IReadOnlyList<HostRule> _blocked;
    private readonly IReadOnlyList<HostRule> _allowed;

    public UrlRewriter(string fileName, IReadOnlyList<RewriteRule> rewrites, IReadOnlyList<HostRule> blocked, IReadOnlyList<HostRule> allowed)
    {
        FileName = fileName;
        _rewrites = rewrites;
        _blocked = blocked;
        _allowed = allowed;
    }

    /// <summary>The file the rules came from, as messages name it.</summary>
    public string FileName { get; }

    /// <summary>
    /// Where <paramref name="url"/> is to be requested, or why it must not be. Throws FB1015 when a
    /// rule turns it into something that is not a URL.
    /// </summary>
    public RewrittenUrl Apply(Uri url)
    {
        var result = url;
        RewriteRule? by = null;
        var text = UserInfo.Strip(url).AbsoluteUri;
        foreach (var rule in _rewrites)
        {
            if (Rewrite(rule, text) is { } rewritten)
            {
                result = Parse(url, rule, rewritten);
                by = rule;
                break;
            }
        }

        return new RewrittenUrl(result, by, result.IsFile ? null : Refusal(result));
    }

    /// <summary>Where the rule was written, as messages name it: "rewrites.txt(3)".</summary>
    public string Where(int line) => $"{FileName}({line})";

    private string? Refusal(Uri url)
    {
        foreach (var rule in _blocked)
        {
            if (rule.Matches(url))
            {
                return $"'block {rule.Host}' at {Where(rule.Line)}";
            }
        }

        if (_allowed.Count == 0)
        {
            return null;
        }

        foreach (var rule in _allowed)
        {
            if (rule.Matches(url))
            {
                return null;
            }
        }

        return $"no 'allow' line of {FileName} names it; it allows {string.Join(", ", _allowed.Select(a => a.Host))}";
    }

    private string? Rewrite(RewriteRule rule, string url)
    {
        try
        {
            var match = rule.Pattern.Match(url);
            return match.Success ? url[..match.Index] + match.Result(rule.Replacement) + url[(match.Index + match.Length)..] : null;
        }
        catch (RegexMatchTimeoutException)
        {
            throw new FetchException(DiagnosticCatalog.MalformedRewriteRule(FileName, rule.Line,
                $"a pattern that decides within {StatusClassifier.Seconds(RewriteFile.MatchTimeout)} (it backtracked too long on {UrlMasker.Mask(url)})",
                RewriteText.Mask(rule.Pattern.ToString())));
        }
    }

    private Uri Parse(Uri original, RewriteRule rule, string rewritten)
    {
        if (Uri.TryCreate(rewritten, UriKind.Absolute, out var uri) && rewritten.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase) &&
            (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeFile))
        {
            return uri;
        }

        throw new FetchException(DiagnosticCatalog.RewriteMadeNoUrl(UrlMasker.Mask(original), FileName, rule.Line, RewriteText.Mask(rewritten)));
    }
}

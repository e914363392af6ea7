using System.Text.RegularExpressions;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Rewrites;

/// <summary>
/// Reads the URL-rewrite file (SPEC §9): one rule a line — <c>rewrite &lt;regex&gt; &lt;replacement&gt;</c>,
/// <c>block HOST</c>, <c>allow HOST</c> — blank lines, and whole-line <c>#</c> comments. A line it
/// cannot read is FB1015 naming the file, the line, what was expected and the text found, before
/// any request: a policy half-read is worse than none.
/// </summary>
internal static class RewriteFile
{
    /// <summary>Long enough for any sane pattern on a URL; a pathological one must not hang the build.</summary>
    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static UrlRewriter Load(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            return Parse(reader, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FetchException(DiagnosticCatalog.UnreadableRewriteFile(path, ex.Message));
        }
    }

    /// <param name="reader">The rules.</param>
    /// <param name="fileName">Where they came from, for messages only: tests need no disk.</param>
    public static UrlRewriter Parse(TextReader reader, string fileName)
    {
        var rewrites = new List<RewriteRule>();
        var blocked = new List<HostRule>();
        var allowed = new List<HostRule>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            void Fail(string expected) => throw new FetchException(DiagnosticCatalog.MalformedRewriteRule(fileName, number, expected, RewriteText.Mask(text)));
            switch (parts[0].ToLowerInvariant())
            {
                case "rewrite" when parts.Length == 3:
                    rewrites.Add(new RewriteRule(Pattern(parts[1], Fail), parts[2], number));
                    break;
                case "rewrite":
                    Fail("'rewrite', a regular expression and a replacement, separated by spaces (write a space in a pattern as \\s or \\x20)");
                    break;
                case "block" or "allow" when parts.Length == 2 && IsHost(parts[1]):
                    (parts[0].Equals("block", StringComparison.OrdinalIgnoreCase) ? blocked : allowed).Add(new HostRule(HostRule.Bare(parts[1]), number));
                    break;
                case "block" or "allow":
                    Fail($"'{parts[0]}' and one host name, such as example.com (no scheme, port or path)");
                    break;
                default:
                    Fail("'rewrite', 'block' or 'allow' at the start of the line");
                    break;
            }
        }

        return new UrlRewriter(fileName, rewrites, blocked, allowed);
    }

    private static Regex Pattern(string pattern, Action<string> fail)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            fail($"a valid .NET regular expression ({ex.Message})");
            throw;
        }
    }

    private static bool IsHost(string text) => Uri.CheckHostName(HostRule.Bare(text)) != UriHostNameType.Unknown;
}

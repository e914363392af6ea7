using System.Text;
using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Hosts;

/// <summary>
/// A checksum file as release pages publish them: <c>sha256sum</c>'s lines (<c>&lt;hex&gt;  &lt;name&gt;</c>,
/// <c>&lt;hex&gt; *&lt;name&gt;</c> for binary mode, a leading <c>\</c> when the name has escapes), BSD
/// tags (<c>SHA256 (&lt;name&gt;) = &lt;hex&gt;</c>), <c>#</c> comments, or a file holding one bare digest.
/// The algorithm is told by the length of the hex: MD5, SHA-256 or SHA-512 (SHA-1 lines are skipped).
/// </summary>
internal sealed class ChecksumList
{
    private readonly List<KeyValuePair<string, ExpectedDigest>> _lines;
    private readonly ExpectedDigest? _bare;

    private ChecksumList(List<KeyValuePair<string, ExpectedDigest>> lines, ExpectedDigest? bare)
    {
        _lines = lines;
        _bare = bare;
    }

    public static ChecksumList Parse(string text)
    {
        var lines = new List<KeyValuePair<string, ExpectedDigest>>();
        var content = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).ToList();
        if (content.Count == 1 && content[0].Trim() is var only && !only.Contains(' ', StringComparison.Ordinal) && !only.Contains('\t', StringComparison.Ordinal))
        {
            return new ChecksumList(lines, PublishedDigest.Hex(only));
        }

        foreach (var line in content)
        {
            if (ParseLine(line) is { } entry)
            {
                lines.Add(entry);
            }
        }

        return new ChecksumList(lines, null);
    }

    /// <summary>
    /// The digest for <paramref name="fileName"/>: the file's one bare digest, else the line naming
    /// it exactly, else the one line whose name ends in <c>/fileName</c> (<c>./x</c>, <c>dist/x</c>).
    /// </summary>
    public ExpectedDigest? Find(string fileName)
    {
        if (_bare is not null)
        {
            return _bare;
        }

        foreach (var (name, digest) in _lines)
        {
            if (name == fileName)
            {
                return digest;
            }
        }

        var inFolders = _lines.Where(l => l.Key.EndsWith("/" + fileName, StringComparison.Ordinal)).Select(l => l.Value).Distinct().ToList();
        return inFolders.Count == 1 ? inFolders[0] : null;
    }

    private static KeyValuePair<string, ExpectedDigest>? ParseLine(string line)
    {
        // BSD tag form: ALGORITHM (name) = hex
        var open = line.IndexOf(" (", StringComparison.Ordinal);
        var close = line.LastIndexOf(") = ", StringComparison.Ordinal);
        if (open > 0 && close > open)
        {
            return Entry(line[(open + 2)..close], line[(close + 4)..].Trim());
        }

        // GNU form: [\]hex, one space, a space or '*' (text or binary mode), the name.
        var escaped = line.StartsWith('\\');
        var body = escaped ? line[1..] : line;
        var space = body.IndexOfAny([' ', '\t']);
        if (space <= 0)
        {
            return null;
        }

        var name = body[(space + 1)..];
        if (name.StartsWith(' ') || name.StartsWith('*'))
        {
            name = name[1..];
        }

        return Entry(escaped ? Unescape(name) : name, body[..space]);
    }

    private static KeyValuePair<string, ExpectedDigest>? Entry(string name, string hex) =>
        PublishedDigest.Hex(hex) is { } digest && name.Length > 0 ? new(name, digest) : null;

    /// <summary>sha256sum's escapes in a name: <c>\\</c>, <c>\n</c>, <c>\r</c>.</summary>
    private static string Unescape(string name)
    {
        var result = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '\\' && i + 1 < name.Length)
            {
                i++;
                result.Append(name[i] switch { 'n' => '\n', 'r' => '\r', var other => other });
            }
            else
            {
                result.Append(name[i]);
            }
        }

        return result.ToString();
    }
}

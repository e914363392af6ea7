namespace Fetch.Build.Core.Requests;

/// <summary>
/// URLs as MSBuild holds them. An item's spec is unescaped byte by byte, so a URL written
/// <c>…/caf%C3%A9%20data.bin</c> reaches a task as <c>…/cafÃ© data.bin</c> and would be requested as
/// <c>…/caf%C3%83%C2%A9%20data.bin</c>. The escaped text (what was written) keeps the URL's own
/// percent-encoding, but also MSBuild's escapes of its special characters: <c>%3F</c> written for a
/// query's <c>?</c> (a bare <c>?</c> would be a wildcard), and the <c>%25</c> MSBuild puts before the
/// <c>%20</c> of a URL a property function returned.
/// </summary>
internal static class MSBuildText
{
    // The characters MSBuild escapes (EscapingUtilities): % * ? @ $ ( ) ; '
    private const string Specials = "%*?@$();'";
    private static readonly char[] SpecialChars = Specials.ToCharArray();

    /// <summary>
    /// The URL meant by an item's escaped text (ITaskItem2.EvaluatedIncludeEscaped, or an escaped
    /// metadata value): MSBuild's escapes of its own special characters are undone, every other
    /// <c>%XX</c> stays as the URL's percent-encoding.
    /// </summary>
    public static string UrlFromEscaped(string escaped)
    {
        if (!escaped.Contains('%', StringComparison.Ordinal))
        {
            return escaped;
        }

        var text = new System.Text.StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var special = escaped[i] == '%' && i + 2 < escaped.Length ? Special(escaped[i + 1], escaped[i + 2]) : -1;
            if (special >= 0)
            {
                text.Append((char)special);
                i += 2;
            }
            else
            {
                text.Append(escaped[i]);
            }
        }

        return KeepUserInfoAts(text.ToString());
    }

    /// <summary>
    /// MSBuild escapes '@' as <c>%40</c>, which is also how a URL writes an '@' inside a password:
    /// after undoing MSBuild's escapes, every '@' of the authority but the last (which ends the
    /// user-info) is the password's own, and is encoded again.
    /// </summary>
    private static string KeepUserInfoAts(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return url;
        }

        var start = scheme + 3;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        var authority = end < 0 ? url[start..] : url[start..end];
        var last = authority.LastIndexOf('@');
        if (last <= 0 || authority.IndexOf('@', StringComparison.Ordinal) == last)
        {
            return url;
        }

        return url[..start] + authority[..last].Replace("@", "%40", StringComparison.Ordinal) + authority[last..] + (end < 0 ? string.Empty : url[end..]);
    }

    /// <summary>
    /// <paramref name="literal"/> escaped for MSBuild, so that an item spec made from it reads back as
    /// it is: a placed file named <c>a;b%41.bin</c> stays one file with that name.
    /// </summary>
    public static string Escape(string literal)
    {
        if (literal.IndexOfAny(SpecialChars) < 0)
        {
            return literal;
        }

        var text = new System.Text.StringBuilder(literal.Length + 8);
        foreach (var c in literal)
        {
            if (Specials.Contains(c, StringComparison.Ordinal))
            {
                text.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// How to write <paramref name="url"/> as an item's Include so that the task reads it back as it is
    /// (<see cref="UrlFromEscaped"/>): MSBuild's special characters as <c>%XX</c> (a query's <c>?</c> as
    /// <c>%3F</c>), and a <c>%</c> only where it would otherwise read as one of those escapes; the URL's
    /// own <c>%20</c> stays <c>%20</c>.
    /// </summary>
    public static string EscapeUrl(string url)
    {
        var text = new System.Text.StringBuilder(url.Length + 8);
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            var escapes = c != '%' ? Specials.Contains(c, StringComparison.Ordinal) : i + 2 < url.Length && Special(url[i + 1], url[i + 2]) >= 0;
            if (escapes)
            {
                text.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>The special character <c>%</c><paramref name="high"/><paramref name="low"/> escapes, or -1.</summary>
    /// <remarks>An int, not a char?: a generic over a value type is not in the ReadyToRun image, and this runs on every build.</remarks>
    private static int Special(char high, char low)
    {
        if (!char.IsAsciiHexDigit(high) || !char.IsAsciiHexDigit(low))
        {
            return -1;
        }

        var c = (char)((HexValue(high) << 4) | HexValue(low));
        return Specials.Contains(c, StringComparison.Ordinal) ? c : -1;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

using System.Xml;
using System.Xml.Linq;

namespace Fetch.Build.Core.ProjectFiles;

/// <summary>
/// Where the nodes of a document parsed with line information start and end in its text, so that an
/// edit is spliced into the text as the user wrote it: attributes on their own lines, quotes,
/// entities, comments and the declaration all stay byte for byte.
/// </summary>
internal sealed class TextPositions
{
    private readonly string _text;
    private readonly List<int> _lineStarts = [0];

    public TextPositions(string text)
    {
        _text = text;
        for (var i = 0; i < text.Length; i++)
        {
            // XML counts \r\n, \r and \n each as one line break.
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>The offset of the '&lt;' that opens <paramref name="element"/>.</summary>
    public int StartOf(XElement element) => _text.LastIndexOf('<', At(element));

    /// <summary>The offset just past the end of <paramref name="element"/> (its '/&gt;' or its end tag).</summary>
    public int EndOf(XElement element)
    {
        var startTagEnd = EndOfStartTag(StartOf(element));
        if (_text[startTagEnd - 2] == '/')
        {
            return startTagEnd;
        }

        var close = _text.IndexOf("</" + NameAsWritten(element), startTagEnd, StringComparison.Ordinal);
        return _text.IndexOf('>', close) + 1;
    }

    /// <summary>The offset just past the '&gt;' of the start tag that begins at <paramref name="start"/>.</summary>
    public int EndOfStartTag(int start)
    {
        var quote = '\0';
        for (var i = start; i < _text.Length; i++)
        {
            var c = _text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        throw new XmlException("unterminated start tag");
    }

    /// <summary>The offsets of the value of <paramref name="attribute"/>, between its quotes.</summary>
    public (int Start, int End) ValueOf(XAttribute attribute)
    {
        var equals = _text.IndexOf('=', At(attribute));
        var open = _text.IndexOfAny(['"', '\''], equals);
        var close = _text.IndexOf(_text[open], open + 1);
        return (open + 1, close);
    }

    /// <summary>The whitespace that begins the line <paramref name="offset"/> is on, up to it: the node's indentation.</summary>
    public string IndentBefore(int offset)
    {
        var lineStart = _text.LastIndexOfAny(['\n', '\r'], Math.Max(0, offset - 1)) + 1;
        var indent = _text[lineStart..offset];
        return indent.All(char.IsWhiteSpace) ? indent : string.Empty;
    }

    private static string NameAsWritten(XElement element) =>
        element.GetPrefixOfNamespace(element.Name.Namespace) is { Length: > 0 } prefix ? prefix + ":" + element.Name.LocalName : element.Name.LocalName;

    private int At(IXmlLineInfo node) => _lineStarts[node.LineNumber - 1] + node.LinePosition - 1;
}

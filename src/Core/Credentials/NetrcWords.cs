using System.Text;

namespace Fetch.Build.Core.Credentials;

/// <summary>
/// The words of a netrc, as curl splits them: runs of characters between white space, or a
/// double-quoted word in which <c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\r</c> and <c>\t</c> are escapes;
/// a <c>#</c> that starts a word comments out the rest of its line. Knows the line each word is on.
/// </summary>
internal sealed class NetrcWords
{
    private readonly string _text;
    private int _position;

    public NetrcWords(string text)
    {
        _text = text;
    }

    /// <summary>The line of the word last read, from 1.</summary>
    public int Line { get; private set; } = 1;

    /// <summary>The next word, or null at the end.</summary>
    public string? Next()
    {
        while (true)
        {
            SkipSpace();
            if (_position >= _text.Length)
            {
                return null;
            }

            if (_text[_position] != '#')
            {
                return _text[_position] == '"' ? Quoted() : Plain();
            }

            while (_position < _text.Length && _text[_position] != '\n')
            {
                _position++;
            }
        }
    }

    /// <summary>The word that must follow <paramref name="keyword"/>; a keyword at the end of the file is an error.</summary>
    public string Value(string keyword, string what)
    {
        var line = Line;
        return Next() ?? throw new FormatException($"line {line}: '{keyword}' is not followed by {what}");
    }

    /// <summary>Skips a macro's body: the rest of its macdef line, then every line up to a blank one.</summary>
    public void SkipMacro()
    {
        SkipToNextLine();
        while (_position < _text.Length && !IsBlankLineAt(_position))
        {
            SkipToNextLine();
        }
    }

    private void SkipToNextLine()
    {
        var end = _text.IndexOf('\n', _position);
        if (end < 0)
        {
            _position = _text.Length;
            return;
        }

        _position = end + 1;
        Line++;
    }

    private bool IsBlankLineAt(int start)
    {
        for (var i = start; i < _text.Length && _text[i] != '\n'; i++)
        {
            if (!char.IsWhiteSpace(_text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            if (_text[_position] == '\n')
            {
                Line++;
            }

            _position++;
        }
    }

    private string Plain()
    {
        var start = _position;
        while (_position < _text.Length && !char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }

        return _text[start.._position];
    }

    private string Quoted()
    {
        var line = Line;
        var word = new StringBuilder();
        for (_position++; _position < _text.Length; _position++)
        {
            var c = _text[_position];
            if (c == '"')
            {
                _position++;
                return word.ToString();
            }

            if (c == '\n')
            {
                Line++;
            }

            if (c == '\\' && _position + 1 < _text.Length)
            {
                c = _text[++_position] switch
                {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    var other => other,
                };
            }

            word.Append(c);
        }

        throw new FormatException($"line {line}: a quoted word is not closed");
    }
}

using System.Net.Http.Headers;
using System.Text;

namespace Fetch.Build.Core.Credentials;

/// <summary>
/// A netrc file as curl reads it: <c>machine HOST login USER password SECRET</c> entries (and
/// <c>account</c>, read and ignored), a <c>default</c> entry for any other host, <c>macdef</c>
/// macros skipped to the next blank line, <c>#</c> comments, and double-quoted words with
/// backslash escapes. Each entry gives Basic credentials for its host alone: hosts are compared
/// whole, never by suffix. A malformed file is refused with its line number, and no word of it is
/// ever repeated in a message, since any word may be a secret.
/// </summary>
internal sealed class Netrc
{
    private readonly Dictionary<string, AuthenticationHeaderValue> _machines;
    private readonly AuthenticationHeaderValue? _default;

    private Netrc(Dictionary<string, AuthenticationHeaderValue> machines, AuthenticationHeaderValue? @default)
    {
        _machines = machines;
        _default = @default;
    }

    /// <summary>The Basic credentials for <paramref name="host"/>: its machine entry, else the default entry, else null.</summary>
    public AuthenticationHeaderValue? BasicFor(string host) => _machines.TryGetValue(host, out var basic) ? basic : _default;

    /// <summary>Parses a netrc; throws <see cref="FormatException"/> saying which line is wrong and how, never with its words.</summary>
    public static Netrc Parse(string text)
    {
        var machines = new Dictionary<string, AuthenticationHeaderValue>(StringComparer.OrdinalIgnoreCase);
        AuthenticationHeaderValue? @default = null;
        var words = new NetrcWords(text);
        Entry? entry = null;

        void Close()
        {
            if (entry is null)
            {
                return;
            }

            var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{entry.Login}:{entry.Password}")));
            if (entry.Host is null)
            {
                @default ??= basic;
            }
            else
            {
                // curl uses the first entry for a host.
                machines.TryAdd(entry.Host, basic);
            }

            entry = null;
        }

        while (words.Next() is { } word)
        {
            // Keywords are read ignoring case, as curl does.
            switch (word.ToLowerInvariant())
            {
                case "machine":
                    Close();
                    entry = new Entry(words.Value("machine", "a host name"));
                    break;
                case "default":
                    Close();
                    entry = new Entry(null);
                    break;
                case "login":
                    Current(entry, words, "login").Login = words.Value("login", "a user name");
                    break;
                case "password":
                    Current(entry, words, "password").Password = words.Value("password", "a password");
                    break;
                case "account":
                    Current(entry, words, "account");
                    words.Value("account", "an account");
                    break;
                case "macdef":
                    Close();
                    words.Value("macdef", "a macro name");
                    words.SkipMacro();
                    break;
                default:
                    throw new FormatException($"line {words.Line}: a word where machine, default, login, password, account or macdef was expected");
            }
        }

        Close();
        return new Netrc(machines, @default);
    }

    private static Entry Current(Entry? entry, NetrcWords words, string keyword) =>
        entry ?? throw new FormatException($"line {words.Line}: '{keyword}' before any 'machine' or 'default'");

    private sealed class Entry(string? host)
    {
        public string? Host { get; } = host;

        public string Login { get; set; } = string.Empty;

        public string Password { get; set; } = string.Empty;
    }
}

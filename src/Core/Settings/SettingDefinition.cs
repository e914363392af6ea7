using System.Globalization;

namespace Fetch.Build.Core.Settings;

/// <summary>
/// One user setting (SPEC §3): its MSBuild property, its environment variable, its default, the
/// values it accepts, and where a parsed value goes in <see cref="Requests.FetchSettings"/>. The
/// parser walks <see cref="SettingCatalog.All"/>, so a new setting is a definition there, a
/// property on FetchSettings, a line in the targets and one in the props' comment.
/// </summary>
internal sealed class SettingDefinition
{
    // Non-generic delegates: a Func over bool or long would be a generic instantiation over a
    // value type, which the ReadyToRun image lacks and every build would JIT (docs/design.md).
    public delegate Requests.FetchSettings ApplyFlag(Requests.FetchSettings settings, bool value);

    public delegate Requests.FetchSettings ApplyNumber(Requests.FetchSettings settings, long value);

    public delegate Requests.FetchSettings ApplyText(Requests.FetchSettings settings, string? value);

    public delegate Requests.FetchSettings ApplyUrl(Requests.FetchSettings settings, Uri? value);

    private readonly ApplyFlag? _flag;
    private readonly ApplyNumber? _number;
    private readonly ApplyText? _text;
    private readonly ApplyUrl? _url;
    private readonly bool _size;

    private SettingDefinition(string property, string? variable, string? defaultText, ApplyFlag? flag, ApplyNumber? number, ApplyText? text, ApplyUrl? url = null, bool size = false)
    {
        _size = size;
        Property = property;
        Variable = variable;
        DefaultText = defaultText;
        _flag = flag;
        _number = number;
        _text = text;
        _url = url;
    }

    /// <summary>The MSBuild property, as users write it.</summary>
    public string Property { get; }

    /// <summary>The environment variable read when the property is empty, if any.</summary>
    public string? Variable { get; }

    /// <summary>The default as the documentation shows it; null when the setting is off or computed.</summary>
    public string? DefaultText { get; }

    public long Minimum { get; private init; }

    /// <summary>For a number: its default.</summary>
    public long DefaultNumber { get; private init; }

    public long Maximum { get; private init; }

    /// <summary>For a choice: the accepted values, compared ignoring case.</summary>
    public IReadOnlyList<string> Choices { get; private init; } = [];

    public static SettingDefinition Flag(string property, string? variable, bool @default, ApplyFlag apply) =>
        new(property, variable, @default ? "true" : "false", apply, null, null);

    public static SettingDefinition Number(string property, string? variable, long @default, long minimum, long maximum, ApplyNumber apply) =>
        new(property, variable, @default.ToString(CultureInfo.InvariantCulture), null, apply, null) { DefaultNumber = @default, Minimum = minimum, Maximum = maximum };

    /// <summary>One of a few names; the first is the default. The setter gets the name as listed.</summary>
    public static SettingDefinition Choice(string property, string? variable, string[] choices, ApplyText apply) =>
        new(property, variable, choices[0], null, null, apply) { Choices = choices };

    /// <summary>
    /// A size in bytes written as users write sizes (<c>500MB</c>, <c>20GiB</c>; <see cref="Maintenance.ByteSize"/>), off by
    /// default: the setter gets -1 when it is unset.
    /// </summary>
    public static SettingDefinition Size(string property, string? variable, ApplyNumber apply) =>
        new(property, variable, null, null, apply, null, size: true) { DefaultNumber = -1 };

    /// <summary>Free text (a path, a URL); null when unset. The setter validates nothing: callers that need more check it there.</summary>
    public static SettingDefinition Text(string property, string? variable, ApplyText apply) =>
        new(property, variable, null, null, null, apply);

    /// <summary>An absolute https:// or http:// URL (a server's base address); null when unset.</summary>
    public static SettingDefinition Url(string property, string? variable, ApplyUrl apply) =>
        new(property, variable, null, null, null, null, apply);

    /// <summary>
    /// Applies <paramref name="text"/> (null: the default) to <paramref name="settings"/>; a value
    /// this setting does not accept leaves the default and returns the reason.
    /// </summary>
    public Requests.FetchSettings Apply(Requests.FetchSettings settings, string? text, out string? error)
    {
        error = null;
        if (_flag is not null)
        {
            return _flag(settings, text is null ? DefaultText == "true" : ParseFlag(text, ref error));
        }

        if (_number is not null && _size)
        {
            return _number(settings, text is null ? DefaultNumber : ParseSize(text, ref error));
        }

        if (_number is not null)
        {
            return _number(settings, text is null ? DefaultNumber : ParseNumber(text, ref error));
        }

        if (Choices.Count > 0)
        {
            return _text!(settings, text is null ? Choices[0] : ParseChoice(text, ref error));
        }

        if (_url is not null)
        {
            return _url(settings, text is null ? null : ParseUrl(text, ref error));
        }

        return _text!(settings, text);
    }

    private bool ParseFlag(string text, ref string? error)
    {
        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        if (text is "1" or "0")
        {
            return text == "1";
        }

        error = $"{Property} must be true or false, got '{text}'";
        return DefaultText == "true";
    }

    private long ParseNumber(string text, ref string? error)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= Minimum && value <= Maximum)
        {
            return value;
        }

        error = Maximum == long.MaxValue
            ? $"{Property} must be a whole number of at least {Minimum}, got '{text}'"
            : $"{Property} must be a whole number from {Minimum} to {Maximum}, got '{text}'";
        return DefaultNumber;
    }

    private Uri? ParseUrl(string text, ref string? error)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) &&
            text.StartsWith(url.Scheme + ":", StringComparison.OrdinalIgnoreCase))
        {
            return url;
        }

        // A base URL may carry user-info: never echo it.
        error = $"{Property} must be an absolute https:// or http:// URL, got '{Http.UrlMasker.Mask(text)}'";
        return null;
    }

    private long ParseSize(string text, ref string? error)
    {
        if (Maintenance.ByteSize.Parse(text) is { } bytes)
        {
            return bytes;
        }

        error = $"{Property} must be {Maintenance.ByteSize.Examples}, got '{text}'";
        return DefaultNumber;
    }

    private string ParseChoice(string text, ref string? error)
    {
        foreach (var choice in Choices)
        {
            if (string.Equals(choice, text, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        error = $"{Property} must be {string.Join(" or ", Choices)}, got '{text}'";
        return Choices[0];
    }
}

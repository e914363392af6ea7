using System.Collections;

namespace Fetch.Build.Core.Settings;

/// <summary>
/// The process environment, read once at the edge (the task, the tool, the library) into a value
/// that the rest of Core is given: settings, credentials and host endpoints all read from it, and
/// tests construct one directly instead of changing the real environment.
/// </summary>
internal sealed class FetchEnvironment
{
    private readonly Dictionary<string, string> _variables;

    public FetchEnvironment(IEnumerable<KeyValuePair<string, string?>> variables)
    {
        // Windows names variables case-insensitively; elsewhere HOME and Home are two variables.
        _variables = new Dictionary<string, string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            if (value is not null)
            {
                _variables[name] = value;
            }
        }
    }

    /// <summary>An environment with no variables at all.</summary>
    public static FetchEnvironment Empty { get; } = new([]);

    /// <summary>This process's variables as they are now.</summary>
    public static FetchEnvironment FromProcess()
    {
        var variables = new List<KeyValuePair<string, string?>>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables.Add(new((string)entry.Key, (string?)entry.Value));
        }

        return new FetchEnvironment(variables);
    }

    /// <summary>The variable's value, or null when it is not set.</summary>
    public string? Get(string name) => _variables.TryGetValue(name, out var value) ? value : null;

    /// <summary>The variable's value trimmed, or null when it is unset or blank.</summary>
    public string? GetNonEmpty(string name) => Get(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Settings;

/// <summary>Validates the Fetch* properties (FB1006 on a bad value); a property wins over its variable.</summary>
internal static class SettingsParser
{
    public static FetchSettings Parse(RawSettings raw, FetchEnvironment environment, List<FetchDiagnostic> errors)
    {
        // Every path property may use '\' or '/' (MSBuild's own end in '\').
        var projectDirectory = PathProperties.FullPath(raw.ProjectDirectory, Directory.GetCurrentDirectory());
        var settings = new FetchSettings
        {
            CacheDirectory = string.Empty,
            ProjectDirectory = projectDirectory,
            DesignTime = RequestParser.ParseBool(Value(raw.DesignTimeBuild), "DesignTimeBuild", w => errors.Add(DiagnosticCatalog.InvalidMetadata("DesignTimeBuild", w))),
            StateFile = Value(raw.StateFile) is { } state ? PathProperties.FullPath(state, projectDirectory) : null,
            DefaultDestinationFolder = PathProperties.FullPath(raw.DefaultDestinationFolder, projectDirectory),
        };

        foreach (var setting in SettingCatalog.All)
        {
            var property = Value(Lookup(raw.Properties, setting.Property));
            var text = property ?? (setting.Variable is { } variable ? environment.GetNonEmpty(variable) : null);
            settings = setting.Apply(settings, text, out var error);
            if (error is not null)
            {
                // The message names the property; a value that came from the variable says so too.
                errors.Add(DiagnosticCatalog.InvalidSetting(property is null && text is not null ? $"{error} (from the environment variable {setting.Variable})" : error));
            }
        }

        var cache = settings.CacheDirectory.Length > 0 ? settings.CacheDirectory : CacheLocation.Default(environment);
        return settings with
        {
            CacheDirectory = PathProperties.FullPath(cache, projectDirectory),
            LockFilePath = PathProperties.FullPath(settings.LockFilePath, projectDirectory),
            UrlRewriteFile = settings.UrlRewriteFile is { } rewrites ? PathProperties.FullPath(rewrites, projectDirectory) : null,
        };
    }

    private static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Lookup(IReadOnlyDictionary<string, string?> properties, string name)
    {
        if (properties.TryGetValue(name, out var value))
        {
            return value;
        }

        // MSBuild names properties ignoring case; a dictionary built elsewhere may not.
        foreach (var (key, other) in properties)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return other;
            }
        }

        return null;
    }
}

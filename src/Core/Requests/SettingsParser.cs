using System.Globalization;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Requests;

/// <summary>Validates the Fetch* properties (FB1006 on a bad value); a property wins over its variable.</summary>
internal static class SettingsParser
{
    public static FetchSettings Parse(RawSettings raw, Func<string, string?> environment, List<FetchDiagnostic> errors)
    {
        void Fail(string property, string what) => errors.Add(DiagnosticCatalog.InvalidMetadata(property, what));
        static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        // Every path property may use '\' or '/' (MSBuild's own end in '\').
        var projectDirectory = PathProperties.FullPath(raw.ProjectDirectory, Directory.GetCurrentDirectory());
        var cache = Value(raw.CacheDirectory) ?? Value(environment(FetchDefaults.CacheDirectoryVariable)) ?? CacheLocation.Default(environment);
        var offline = RequestParser.ParseBool(Value(raw.Offline) ?? Value(environment(FetchDefaults.OfflineVariable)), "FetchOffline", w => Fail("FetchOffline", w));
        var linkModeText = Value(raw.LinkMode);
        var linkMode = LinkMode.Copy;
        if (string.Equals(linkModeText, nameof(LinkMode.HardLink), StringComparison.OrdinalIgnoreCase))
        {
            linkMode = LinkMode.HardLink;
        }
        else if (linkModeText is not null && !string.Equals(linkModeText, nameof(LinkMode.Copy), StringComparison.OrdinalIgnoreCase))
        {
            Fail("FetchLinkMode", $"FetchLinkMode must be Copy or HardLink, got '{linkModeText}'");
        }

        return new FetchSettings
        {
            CacheDirectory = PathProperties.FullPath(cache, projectDirectory),
            Offline = offline,
            RequireHash = RequestParser.ParseBool(Value(raw.RequireHash), "FetchRequireHash", w => Fail("FetchRequireHash", w)),
            DesignTime = RequestParser.ParseBool(Value(raw.DesignTimeBuild), "DesignTimeBuild", w => Fail("DesignTimeBuild", w)),
            MaxParallelDownloads = RequestParser.ParseInt(Value(raw.MaxParallelDownloads), "FetchMaxParallelDownloads", FetchDefaults.MaxParallelDownloads, 1, 64, w => Fail("FetchMaxParallelDownloads", w)),
            RetryCount = RequestParser.ParseInt(Value(raw.RetryCount), "FetchRetryCount", FetchDefaults.RetryCount, 0, 100, w => Fail("FetchRetryCount", w)),
            Timeout = TimeSpan.FromSeconds(RequestParser.ParseInt(Value(raw.TimeoutSeconds), "FetchTimeoutSeconds", FetchDefaults.TimeoutSeconds, 1, 86_400, w => Fail("FetchTimeoutSeconds", w))),
            MaxRetryDelay = TimeSpan.FromSeconds(RequestParser.ParseInt(Value(raw.MaxRetryDelaySeconds), "FetchMaxRetryDelaySeconds", FetchDefaults.MaxRetryDelaySeconds, 0, 86_400, w => Fail("FetchMaxRetryDelaySeconds", w))),
            MaxExtractedBytes = ParseLong(Value(raw.MaxExtractedBytes), w => Fail("FetchMaxExtractedBytes", w)),
            LinkMode = linkMode,
            ProjectDirectory = projectDirectory,
            ZenodoHosts = raw.ZenodoHosts,
            StateFile = Value(raw.StateFile) is { } state ? PathProperties.FullPath(state, projectDirectory) : null,
            DefaultDestinationFolder = PathProperties.FullPath(raw.DefaultDestinationFolder, projectDirectory),
        };
    }

    private static long ParseLong(string? text, Action<string> fail)
    {
        if (text is null)
        {
            return FetchDefaults.MaxExtractedBytes;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        fail($"FetchMaxExtractedBytes must be a positive whole number of bytes, got '{text}'");
        return FetchDefaults.MaxExtractedBytes;
    }
}

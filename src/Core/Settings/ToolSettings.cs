using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Settings;

/// <summary>
/// The settings of a tool run: no MSBuild properties, so each comes from its environment variable
/// or its default, and the cache folder from <c>--cache-dir</c> when given (SPEC §8: else
/// <c>FETCH_BUILD_CACHE</c>, else the default folder). The working folder plays the project's part.
/// </summary>
internal static class ToolSettings
{
    public static FetchSettings Parse(string? cacheDirectory, FetchEnvironment environment, List<FetchDiagnostic> errors)
    {
        var raw = new RawSettings { ProjectDirectory = Directory.GetCurrentDirectory(), DefaultDestinationFolder = Directory.GetCurrentDirectory() };
        return SettingsParser.Parse(cacheDirectory is null ? raw : raw.With(SettingCatalog.CacheDirectory.Property, cacheDirectory), environment, errors);
    }
}

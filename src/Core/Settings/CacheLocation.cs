namespace Fetch.Build.Core.Settings;

/// <summary>The platform's user cache folder (SPEC §3), used when neither property nor variable names one.</summary>
internal static class CacheLocation
{
    public const string FolderName = "fetch-build";

    public static string Default(FetchEnvironment environment)
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), FolderName);
        }

        var home = environment.GetNonEmpty("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Caches", FolderName);
        }

        var xdg = environment.GetNonEmpty("XDG_CACHE_HOME");
        return Path.Combine(xdg ?? Path.Combine(home, ".cache"), FolderName);
    }
}

namespace Fetch.Build.Core.Requests;

/// <summary>The platform's user cache folder (SPEC §3), used when neither property nor variable names one.</summary>
internal static class CacheLocation
{
    public static string Default(Func<string, string?> environment)
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), FetchDefaults.CacheFolderName);
        }

        var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Caches", FetchDefaults.CacheFolderName);
        }

        var xdg = environment("XDG_CACHE_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".cache") : xdg, FetchDefaults.CacheFolderName);
    }
}

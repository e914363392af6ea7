namespace Fetch.Build.Core.Requests;

/// <summary>Fixed limits users do not set (the settings they do set are in <see cref="Settings.SettingCatalog"/>).</summary>
internal static class FetchLimits
{
    /// <summary>An archive with more entries is refused (FB1010): more likely a bomb than a dataset.</summary>
    public const int MaxArchiveEntries = 1_000_000;

    public const int MaxRedirects = 10;
}

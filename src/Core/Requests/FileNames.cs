namespace Fetch.Build.Core.Requests;

/// <summary>Derives and checks file names so a URL can never name a path outside the destination.</summary>
internal static class FileNames
{
    private const string Fallback = "download";

    /// <summary>The last URL path segment, percent-decoded and made safe on every platform.</summary>
    public static string FromUrl(Uri uri)
    {
        var segment = uri.Segments.Length == 0 ? string.Empty : uri.Segments[^1].TrimEnd('/');
        return Sanitise(Uri.UnescapeDataString(segment));
    }

    public static string Sanitise(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var cleaned = new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim().TrimEnd('.');
        return cleaned.Length == 0 || cleaned is "." or ".." ? Fallback : cleaned;
    }

    /// <summary>True when a user-given FileName is a single, plain path segment.</summary>
    public static bool IsPlain(string name) =>
        name.Length > 0 && name is not "." and not ".." && Sanitise(name) == name;
}

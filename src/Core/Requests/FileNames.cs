namespace Fetch.Build.Core.Requests;

/// <summary>Derives and checks file names so a URL can never name a path outside the destination.</summary>
internal static class FileNames
{
    private const string Fallback = "download";

    // A string, for string.Contains(char): a generic span search would not be in the ReadyToRun image.
    private static readonly string Invalid = new string(Path.GetInvalidFileNameChars()) + "/\\:*?\"<>|";

    /// <summary>The last URL path segment, percent-decoded and made safe on every platform.</summary>
    public static string FromUrl(Uri uri)
    {
        var segment = uri.Segments.Length == 0 ? string.Empty : uri.Segments[^1].TrimEnd('/');
        return Sanitise(Uri.UnescapeDataString(segment));
    }

    public static string Sanitise(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]) || Invalid.Contains(chars[i], StringComparison.Ordinal))
            {
                chars[i] = '_';
            }
        }

        var cleaned = new string(chars).Trim().TrimEnd('.');
        return cleaned.Length == 0 || cleaned is "." or ".." ? Fallback : cleaned;
    }

    /// <summary>True when a user-given FileName is a single, plain path segment.</summary>
    public static bool IsPlain(string name) =>
        name.Length > 0 && name is not "." and not ".." && Sanitise(name) == name;
}

namespace Fetch.Build.Core.Resolution;

/// <summary>
/// A server that answers 200 with a web page where a file was asked for — a login wall, an error
/// portal, a "download will start shortly" page — is the most common way to get the wrong bytes
/// with no error. With a digest, FB1001 catches it; without one, the media type is the only hint.
/// </summary>
internal static class WebPages
{
    /// <summary>True when the server declared a web page and the artifact is not itself named as one.</summary>
    public static bool IsUnexpected(string? mediaType, string fileName) =>
        mediaType is not null &&
        (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase)) &&
        !fileName.EndsWith(".html", StringComparison.OrdinalIgnoreCase) && !fileName.EndsWith(".htm", StringComparison.OrdinalIgnoreCase) &&
        !fileName.EndsWith(".xhtml", StringComparison.OrdinalIgnoreCase);
}

using System.Globalization;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Client;

/// <summary>
/// The library's typed options and requests, spelled as the build's properties and item metadata,
/// so that both are validated by the same parsers with the same messages (FB1006) and defaults.
/// </summary>
internal static class RequestMapping
{
    public static RawSettings Settings(FetchClientOptions options)
    {
        var properties = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [SettingCatalog.CacheDirectory.Property] = options.CacheDirectory,
            [SettingCatalog.Offline.Property] = Flag(options.Offline),
            [SettingCatalog.RequireHash.Property] = Flag(options.RequireHash),
            [SettingCatalog.RetryCount.Property] = options.RetryCount?.ToString(CultureInfo.InvariantCulture),
            // The build counts whole seconds; a part of one rounds up, never to zero.
            [SettingCatalog.TimeoutSeconds.Property] = options.Timeout is { } timeout ? Math.Ceiling(timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) : null,
        };
        return new RawSettings { Properties = properties, ProjectDirectory = Directory.GetCurrentDirectory() };
    }

    /// <summary>The item the build would be given for <paramref name="request"/>, placed as <paramref name="fileName"/> in <paramref name="folder"/>.</summary>
    public static RawArtifact Artifact(FetchRequest request, string folder, string fileName, bool extract)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [MetadataNames.DestinationFolder] = folder,
            [MetadataNames.DestinationFileName] = fileName,
            [MetadataNames.Extract] = extract ? "true" : "false",
        };
        Add(metadata, MetadataNames.Sha256, request.Sha256);
        Add(metadata, MetadataNames.Integrity, request.Integrity);
        Add(metadata, MetadataNames.BearerTokenVariable, request.BearerTokenVariable);
        Add(metadata, MetadataNames.Mirrors, string.Join(';', request.Mirrors.Select(Text)));
        Add(metadata, MetadataNames.Headers, string.Join(';', request.Headers.Select(Header)));
        return new RawArtifact(Text(request.Url), metadata);
    }

    /// <summary>The name the content goes by: the request's, else the URL's last segment.</summary>
    public static string FileName(FetchRequest request) => request.FileName ?? FileNames.FromUrl(request.Url);

    /// <summary>
    /// The URL as written, which the build keys the cache on; a Uri made from a local path
    /// (new Uri("/data/x.csv")) was never written as a URL, so it is spelled as one (file:///data/x.csv).
    /// </summary>
    private static string Text(Uri url) =>
        !url.IsAbsoluteUri ? throw new ArgumentException($"'{url}' is not an absolute URL.", nameof(FetchRequest.Url))
        : url.OriginalString.Contains("://", StringComparison.Ordinal) ? url.OriginalString : url.AbsoluteUri;

    private static string Header(KeyValuePair<string, string> header) =>
        header.Value.Contains(';', StringComparison.Ordinal)
            ? throw new ArgumentException($"The value of header '{header.Key}' contains ';', which the build's Headers metadata cannot carry.", nameof(FetchRequest.Headers))
            : header.Key + "=" + header.Value;

    private static string? Flag(bool? value) => value switch { true => "true", false => "false", null => null };

    private static void Add(Dictionary<string, string> metadata, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            metadata[name] = value;
        }
    }
}

using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Requests;

/// <summary>
/// Turns raw DownloadArtifact items into requests, or FB1006 diagnostics — all before any
/// request is made, so one bad item never leaves a half-done build.
/// </summary>
internal static class RequestParser
{
    /// <summary>What to write in a file URL for the project's folder: on Unix its value begins with '/', so file:// plus it is file:///….</summary>
    private const string ProjectFolderProperty = "$(MSBuildProjectDirectory)";

    private static readonly string[] SupportedSchemes = [Uri.UriSchemeHttps, Uri.UriSchemeHttp, Uri.UriSchemeFile];
    private static readonly string[] CopyModes = ["PreserveNewest", "Always", "IfDifferent", "Never"];
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Range", "If-Range", "Content-Length", "Transfer-Encoding", "Connection", "Accept-Encoding",
    };

    public static ArtifactRequest? Parse(RawArtifact raw, FetchSettings settings, List<FetchDiagnostic> errors)
    {
        var masked = UrlMasker.Mask(raw.Include);
        var before = errors.Count;
        void Fail(string what) => errors.Add(DiagnosticCatalog.InvalidMetadata(masked, what));
        string? Get(string name) => raw.Metadata.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var source = ParseUrl(raw.Include.Trim(), "the URL", Fail);
        var mirrors = (Get(MetadataNames.Mirrors) ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(m => ParseUrl(m, "Mirrors entry", Fail))
            .OfType<Uri>()
            .ToList();
        var digests = ParseDigests(Get, Fail);
        var extract = ParseBool(Get(MetadataNames.Extract), MetadataNames.Extract, Fail);
        var strip = ParseInt(Get(MetadataNames.StripComponents), MetadataNames.StripComponents, 0, 0, 1000, Fail);

        // SPEC §2 calls this FileName, but MSBuild reserves %(Filename) for every item.
        var fileName = Get(MetadataNames.DestinationFileName);
        if (fileName is not null && !FileNames.IsPlain(fileName))
        {
            Fail($"{MetadataNames.DestinationFileName} '{fileName}' must be a plain file name without folders or reserved characters");
        }

        var copy = Get(MetadataNames.CopyToOutputDirectory);
        if (copy is not null && !CopyModes.Contains(copy, StringComparer.OrdinalIgnoreCase))
        {
            Fail($"CopyToOutputDirectory must be one of {string.Join(", ", CopyModes)}, got '{copy}'");
        }

        var link = Get(MetadataNames.Link);
        if (link is not null && !RelativePaths.IsContained(link))
        {
            Fail($"Link '{link}' must be a relative path that stays inside the output folder");
        }

        var headers = ParseHeaders(Get(MetadataNames.Headers), Fail);
        var checksumUrl = Get(MetadataNames.ChecksumUrl) is { } checksum ? ParseUrl(checksum, MetadataNames.ChecksumUrl, Fail) : null;
        if (strip > 0 && !extract)
        {
            Fail("StripComponents applies only with Extract=\"true\"");
        }

        if (errors.Count > before || source is null)
        {
            return null;
        }

        var folder = Get(MetadataNames.DestinationFolder) ?? settings.DefaultDestinationFolder;
        return new ArtifactRequest
        {
            SourceUrl = raw.Include.Trim(),
            Sources = [source, .. mirrors],
            MaskedUrl = masked,
            Digests = digests,
            DestinationFolder = PathProperties.FullPath(folder, settings.ProjectDirectory),
            FileName = fileName ?? FileNames.FromUrl(source),
            Extract = extract,
            StripComponents = strip,
            CopyToOutputDirectory = copy,
            Link = link,
            Headers = headers,
            BearerTokenVariable = Get(MetadataNames.BearerTokenVariable),
            ChecksumUrl = checksumUrl,
        };
    }

    private static Uri? ParseUrl(string text, string what, Action<string> fail)
    {
        // On Unix a bare "/path" parses as a file URI; a URL must say its scheme.
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            fail($"{what} '{UrlMasker.Mask(text)}' is not a URL (https://, http:// or file://). For a file, write " +
                $"file:// and its absolute path; for one in the project: file://{ProjectFolderProperty}/<path in the project>");
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) ||
            !SupportedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase) ||
            !text.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase))
        {
            fail($"{what} '{UrlMasker.Mask(text)}' is not an absolute https://, http:// or file:// URL");
            return null;
        }

        if (uri.IsFile && uri.Host.Length > 0 && !OperatingSystem.IsWindows())
        {
            // file://data/x.bin is host "data", path "/x.bin": a network share (\\data\x.bin), which only Windows has.
            fail($"{what} '{UrlMasker.Mask(text)}' names the host '{uri.Host}', not a folder: a file URL takes an absolute path after file://, " +
                $"as in file://{ProjectFolderProperty}/{uri.Host}{uri.AbsolutePath}");
            return null;
        }

        if (!uri.IsFile && string.IsNullOrEmpty(uri.Host))
        {
            fail($"{what} '{UrlMasker.Mask(text)}' has no host");
            return null;
        }

        return uri;
    }

    private static List<ExpectedDigest> ParseDigests(Func<string, string?> get, Action<string> fail)
    {
        var digests = new List<ExpectedDigest>();
        void Add(string name, DigestAlgorithm algorithm)
        {
            if (get(name) is { } text)
            {
                var digest = DigestParser.ParseHex(algorithm, text, out var error);
                if (digest is null)
                {
                    fail(error!);
                }
                else
                {
                    digests.Add(digest);
                }
            }
        }

        Add(MetadataNames.Sha256, DigestAlgorithm.Sha256);
        Add(MetadataNames.Sha512, DigestAlgorithm.Sha512);
        Add(MetadataNames.Md5, DigestAlgorithm.Md5);

        if (get(MetadataNames.Integrity) is { } integrity)
        {
            var parsed = DigestParser.ParseIntegrity(integrity, out var error);
            if (parsed is null)
            {
                fail(error!);
            }
            else
            {
                digests.AddRange(parsed);
            }
        }

        return digests.Count > 1 ? digests.Distinct().ToList() : digests;
    }

    private static List<KeyValuePair<string, string>> ParseHeaders(string? text, Action<string> fail)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var pair in (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals <= 0 ? string.Empty : pair[..equals].Trim();
            // Never echo the value: it may be a secret.
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                fail($"Headers must be Name=Value pairs separated by ';' (a header name is missing or invalid near '{(equals <= 0 ? "?" : name)}')");
            }
            else if (ReservedHeaders.Contains(name))
            {
                fail($"Headers may not set '{name}': Fetch.Build manages it");
            }
            else
            {
                headers.Add(new(name, pair[(equals + 1)..].Trim()));
            }
        }

        return headers;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    internal static bool ParseBool(string? text, string name, Action<string> fail)
    {
        if (text is null)
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        if (text is "1" or "0")
        {
            return text == "1";
        }

        fail($"{name} must be true or false, got '{text}'");
        return false;
    }

    internal static int ParseInt(string? text, string name, int fallback, int min, int max, Action<string> fail)
    {
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        fail($"{name} must be a whole number from {min} to {max}, got '{text}'");
        return fallback;
    }
}

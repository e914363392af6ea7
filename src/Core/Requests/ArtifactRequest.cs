using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Requests;

/// <summary>One validated DownloadArtifact: everything Core needs, nothing MSBuild.</summary>
internal sealed record ArtifactRequest
{
    /// <summary>The Include URL exactly as written (reported as SourceUrl).</summary>
    public required string SourceUrl { get; init; }

    /// <summary>
    /// Where the bytes are fetched from: Include first, then Mirrors, in order. URL rewrite rules
    /// may change these; the artifact's identity (<see cref="Url"/>) stays.
    /// </summary>
    public required IReadOnlyList<Uri> Sources { get; init; }

    /// <summary>
    /// The Include URL as parsed: the artifact's identity — its cache key, its lock-file key, the
    /// origin its own credentials go to. Never rewritten.
    /// </summary>
    public Uri Url => IdentityUrl ?? Sources[0];

    /// <summary>Set when <see cref="Sources"/> no longer starts with the Include URL (rewritten).</summary>
    public Uri? IdentityUrl { get; init; }

    /// <summary>The Include URL with secrets masked; every message names the artifact by it.</summary>
    public required string MaskedUrl { get; init; }

    /// <summary>
    /// How messages about fetching name the artifact: <see cref="MaskedUrl"/>, then
    /// <c>via &lt;masked URL&gt;</c> when rewrite rules changed where it is first requested.
    /// </summary>
    public string MaskedUrlVia => IdentityUrl is { } identity && identity != Sources[0] ? $"{MaskedUrl} via {Http.UrlMasker.Mask(Sources[0])}" : MaskedUrl;

    public required IReadOnlyList<ExpectedDigest> Digests { get; init; }

    /// <summary>Full path of the destination folder.</summary>
    public required string DestinationFolder { get; init; }

    public required string FileName { get; init; }

    public bool Extract { get; init; }

    public int StripComponents { get; init; }

    public string? CopyToOutputDirectory { get; init; }

    public string? Link { get; init; }

    /// <summary>Extra headers, sent only to the Include URL's host.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Name of the environment variable holding a bearer token, if any.</summary>
    public string? BearerTokenVariable { get; init; }

    /// <summary>A checksum file (<c>SHA256SUMS</c>-style, or one bare digest) whose line for this file gives the expected digest.</summary>
    public Uri? ChecksumUrl { get; init; }
    /// <summary>
    /// The library's cached path (SPEC §11): the content is resolved into the cache and nothing is
    /// placed; the result's path is the read-only blob. The destination fields only name it then.
    /// </summary>
    public bool CacheOnly { get; init; }

    /// <summary>What the artifact occupies: the file, or the extraction folder.</summary>
    public string DestinationPath => Extract
        ? Path.Combine(DestinationFolder, ArchiveNames.WithoutArchiveExtension(FileName))
        : Path.Combine(DestinationFolder, FileName);
}

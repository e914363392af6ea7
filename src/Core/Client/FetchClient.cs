using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Client;

/// <summary>
/// Fetches content at run time into the machine's cache that Fetch.Build's builds use (SPEC §11):
/// verified against its digests, downloaded once per machine, shared with builds and other
/// programs through the same registry and locks. Safe to use from many threads and processes at once.
/// </summary>
/// <example>
/// <code>
/// var client = new FetchClient();
/// var model = await client.FetchAsync(new FetchRequest(new Uri("https://example.org/model.onnx")) { Sha256 = "…" });
/// using var stream = model.OpenRead();
/// </code>
/// </example>
public sealed class FetchClient
{
    private readonly FetchSettings _settings;
    private readonly FetchServices _services;

    /// <summary>A client with <paramref name="options"/>; null for the build's defaults and environment variables.</summary>
    /// <exception cref="FetchFailedException">An option is out of its range (FB1006).</exception>
    public FetchClient(FetchClientOptions? options = null)
        : this(options ?? new FetchClientOptions(), FetchServices.ForProcess(FetchEnvironment.FromProcess()))
    {
    }

    internal FetchClient(FetchClientOptions options, FetchServices services)
    {
        var errors = new List<FetchDiagnostic>();
        _settings = SettingsParser.Parse(RequestMapping.Settings(options), services.Environment, errors);
        ThrowFirst(errors, null);
        _services = services;
    }

    /// <summary>The cache folder this client uses, as a full path.</summary>
    public string CacheDirectory => _settings.CacheDirectory;

    /// <summary>
    /// The content of <paramref name="request"/> in the cache: from the cache when it is there
    /// (no transfer), else downloaded, verified and stored first.
    /// </summary>
    /// <param name="request">What to fetch.</param>
    /// <param name="progress">Told how a long download goes; null for no reports.</param>
    /// <param name="cancellationToken">Stops the fetch; the cache keeps nothing unverified, and a partial download may resume later.</param>
    /// <exception cref="FetchFailedException">The content could not be fetched or did not match its digests.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<FetchedContent> FetchAsync(FetchRequest request, IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The destination only names the content: a cache-only request places nothing.
        var artifact = RequestMapping.Artifact(request, _settings.CacheDirectory, RequestMapping.FileName(request), extract: false);
        var fetched = await RunAsync(artifact, r => r with { CacheOnly = true }, progress, cancellationToken).ConfigureAwait(false);
        return new FetchedContent(fetched.Path, UrlMasker.Mask(request.Url), fetched.Sha256, fetched.Size, fetched.FromCache);
    }

    /// <summary>
    /// Extracts the archive of <paramref name="request"/> into <paramref name="destinationFolder"/>
    /// with the build's safety checks (no entry outside the folder, size limits). A folder already
    /// holding this archive's intact extraction is left as it is.
    /// </summary>
    /// <param name="request">The archive; its format is told by <see cref="FetchRequest.FileName"/> or the URL's extension, and by its bytes.</param>
    /// <param name="destinationFolder">The folder to hold the archive's entries; its previous content is replaced.</param>
    /// <param name="progress">Told how a long download goes; null for no reports.</param>
    /// <param name="cancellationToken">Stops the fetch and the extraction.</param>
    /// <exception cref="FetchFailedException">The archive could not be fetched, verified or extracted.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ExtractedArchive> ExtractAsync(FetchRequest request, string destinationFolder, IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(destinationFolder);
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destinationFolder));
        var name = Path.GetFileName(folder);
        // The build extracts "x.zip" into the folder "x": name the archive after the folder, keeping its extension.
        var archiveName = RequestMapping.FileName(request);
        var fileName = name + archiveName[ArchiveNames.WithoutArchiveExtension(archiveName).Length..];
        if (name.Length == 0 || ArchiveNames.WithoutArchiveExtension(fileName) != name)
        {
            throw new ArgumentException($"'{destinationFolder}' cannot be an extraction folder: name it without an archive extension.", nameof(destinationFolder));
        }

        var artifact = RequestMapping.Artifact(request, Path.GetDirectoryName(folder)!, fileName, extract: true);
        var fetched = await RunAsync(artifact, r => r, progress, cancellationToken).ConfigureAwait(false);
        return new ExtractedArchive(fetched.Path, fetched.Files.Select(f => f.FullPath).ToList(), fetched.Sha256, fetched.FromCache);
    }

    private async Task<FetchedArtifact> RunAsync(RawArtifact artifact, Func<ArtifactRequest, ArtifactRequest> shape, IProgress<FetchProgress>? progress, CancellationToken cancellationToken)
    {
        var errors = new List<FetchDiagnostic>();
        var request = RequestParser.Parse(artifact, _settings, errors);
        ThrowFirst(errors, UrlMasker.Mask(artifact.Include));
        var log = new ClientLog(progress);
        var outcome = await FetchRun.RunAsync([shape(request!)], _settings, _services, log, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var result = outcome.Results.Count > 0 ? outcome.Results[0] : null;
        ThrowFirst([.. result?.Diagnostics.Where(d => d.Severity == FetchSeverity.Error) ?? [], .. log.Errors], request!.MaskedUrl);
        return result?.Artifact ?? throw new InvalidOperationException($"{request!.MaskedUrl} was neither fetched nor reported as failed.");
    }

    private static void ThrowFirst(IReadOnlyList<FetchDiagnostic> errors, string? maskedUrl)
    {
        if (errors.FirstOrDefault(e => e.Severity == FetchSeverity.Error) is { } error)
        {
            throw new FetchFailedException(error.Code, maskedUrl, error.Message);
        }
    }
}

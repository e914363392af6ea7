using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// The MSBuild-shaped front: DownloadArtifact items and Fetch* properties as strings, validated
/// here all at once (FB1006 before any request, so one bad item never leaves a half-done build),
/// then handed to <see cref="FetchRun"/>, the typed entry point.
/// </summary>
internal static class ArtifactFetcher
{
    public static Task<FetchOutcome> RunAsync(IReadOnlyList<RawArtifact> artifacts, RawSettings settings, IFetchLog log, CancellationToken cancellationToken) =>
        RunAsync(artifacts, settings, log, FetchServices.ForProcess(FetchEnvironment.FromProcess()), cancellationToken);

    internal static Task<FetchOutcome> RunAsync(IReadOnlyList<RawArtifact> artifacts, RawSettings rawSettings, IFetchLog log, FetchServices services, CancellationToken cancellationToken)
    {
        // FB1019 and FB1018 concern the items as written (and as MSBuild logs them).
        MetadataSpelling.Report(artifacts, log);
        CredentialsInUrls.Report(artifacts, log);
        var errors = new List<FetchDiagnostic>();
        var settings = SettingsParser.Parse(rawSettings, services.Environment, errors);
        var requests = new List<ArtifactRequest>(artifacts.Count);
        foreach (var artifact in artifacts)
        {
            if (RequestParser.Parse(artifact, settings, errors) is { } request)
            {
                requests.Add(request);
            }
        }

        if (errors.Count > 0)
        {
            errors.ForEach(log.Report);
            return Task.FromResult(new FetchOutcome([], false));
        }

        return FetchRun.RunAsync(requests, settings, services, log, cancellationToken);
    }
}

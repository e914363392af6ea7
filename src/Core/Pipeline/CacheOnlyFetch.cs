using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// The tool's way in (<c>dotnet fetch hash</c> and <c>add</c>): one URL and its item metadata,
/// validated as a build validates them (FB1006 before any request), fetched into the cache through
/// <see cref="FetchRun"/> and placed nowhere, so the next build that declares it is served from the
/// cache. Settings come from the environment as a build's do; the cache folder from the
/// <c>cacheDirectory</c> argument when given.
/// </summary>
internal static class CacheOnlyFetch
{
    /// <summary>The run's outcome; a FetchException (FB1006) when the URL, the metadata or a setting is invalid.</summary>
    public static Task<FetchOutcome> RunAsync(string url, IReadOnlyDictionary<string, string> metadata, string? cacheDirectory, FetchServices services, IFetchLog log, CancellationToken cancellationToken)
    {
        var errors = new List<FetchDiagnostic>();
        var settings = ToolSettings.Parse(cacheDirectory, services.Environment, errors);
        var request = RequestParser.Parse(new RawArtifact(url, metadata), settings, errors);
        if (errors.Count > 0 || request is null)
        {
            throw new FetchException(errors[0]);
        }

        // The same cached path as the library's (ArtifactRequest.CacheOnly): proven in the store, nothing placed.
        return FetchRun.RunAsync([request with { CacheOnly = true }], settings, services, log, cancellationToken);
    }
}

using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Rewrites;

/// <summary>
/// Applies the rewrite rules to every URL of every artifact, once, before any request. An artifact
/// keeps its identity (<see cref="ArtifactRequest.Url"/>: cache key, lock key, its own credentials);
/// only where its bytes are requested changes. A refused URL is left out; an artifact with no URL
/// left is FB1017.
/// </summary>
internal static class RequestRewrites
{
    /// <summary>The requests as they are to be fetched; what is wrong with one is reported through <paramref name="report"/> by its index.</summary>
    public static IReadOnlyList<ArtifactRequest> Apply(IReadOnlyList<ArtifactRequest> requests, UrlRewriter rewriter, Action<int, FetchDiagnostic> report, IFetchLog log)
    {
        var result = new ArtifactRequest[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                result[i] = Rewrite(requests[i], rewriter, log);
            }
            catch (FetchException ex)
            {
                report(i, ex.Diagnostic);
                result[i] = requests[i];
            }
        }

        return result;
    }

    private static ArtifactRequest Rewrite(ArtifactRequest request, UrlRewriter rewriter, IFetchLog log)
    {
        var sources = new List<Uri>(request.Sources.Count);
        RewrittenUrl? firstRefused = null;
        foreach (var source in request.Sources)
        {
            var rewritten = rewriter.Apply(source);
            var shown = UrlMasker.Mask(rewritten.Url);
            if (rewritten.RewrittenBy is { } rule)
            {
                log.Message($"Fetch.Build: {request.MaskedUrl}: {UrlMasker.Mask(source)} is fetched as {shown} ({rewriter.Where(rule.Line)}).", important: false);
            }

            if (rewritten.IsRefused)
            {
                firstRefused ??= rewritten;
                log.Message($"Fetch.Build: {request.MaskedUrl}: {shown} is not used: {rewritten.Refusal}.", important: false);
                continue;
            }

            sources.Add(rewritten.Url);
        }

        if (firstRefused is not null && sources.Count == 0)
        {
            var url = firstRefused.RewrittenBy is null ? request.MaskedUrl : $"{request.MaskedUrl} via {UrlMasker.Mask(firstRefused.Url)}";
            throw new FetchException(DiagnosticCatalog.BlockedHost(url, firstRefused.Url.Host, firstRefused.Refusal!));
        }

        return sources.SequenceEqual(request.Sources) ? request : request with { Sources = sources, IdentityUrl = request.Url };
    }
}

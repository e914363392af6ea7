using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// What an artifact should hold at its destination. With a declared digest the URL does not
/// matter (content-addressed); without one, the URL key stands in for the content.
/// </summary>
internal static class RequestKeys
{
    public static string For(ArtifactRequest request, string urlKey)
    {
        var content = request.Digests.Count > 0
            ? string.Join(',', request.Digests.Select(d => d.ToString()).Order(StringComparer.Ordinal))
            : "url:" + urlKey;
        return UrlKeys.Hash($"{content}\nextract={request.Extract}\nstrip={request.StripComponents}");
    }

    /// <summary>A key no request has: the placement is Fetch.Build's (it may replace it) but never up to date.</summary>
    public static string Unsettled(string requestKey) => "unsettled:" + requestKey;
}

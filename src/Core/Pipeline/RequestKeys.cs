using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// What an artifact should hold at its destination. With a declared digest the URL does not
/// matter (content-addressed); without one, the URL key stands in for the content.
/// </summary>
internal static class RequestKeys
{
    private const string PublishedPrefix = "published:";

    public static string For(ArtifactRequest request, string urlKey)
    {
        var content = request.Digests.Count > 0
            ? string.Join(',', request.Digests.Select(d => d.ToString()).Order(StringComparer.Ordinal))
            : "url:" + urlKey;
        return UrlKeys.Hash($"{content}\nextract={request.Extract}\nstrip={request.StripComponents}");
    }

    /// <summary>A key no request has: the placement is Fetch.Build's (it may replace it) but never up to date.</summary>
    public static string Unsettled(string requestKey) => "unsettled:" + requestKey;

    /// <summary>
    /// The key of a placement whose unpinned content a host's published digest verified: up to date
    /// for the same request (see <see cref="Matches"/>), and it says so without the cache or a request.
    /// </summary>
    public static string Published(string requestKey) => PublishedPrefix + requestKey;

    public static bool IsPublished(string placedKey) => placedKey.StartsWith(PublishedPrefix, StringComparison.Ordinal);

    /// <summary>True when a placement recorded under <paramref name="placedKey"/> holds what <paramref name="requestKey"/> asks for.</summary>
    public static bool Matches(string placedKey, string requestKey) =>
        placedKey == requestKey ||
        (placedKey.Length == PublishedPrefix.Length + requestKey.Length && IsPublished(placedKey) && placedKey.EndsWith(requestKey, StringComparison.Ordinal));
}

using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Hosts;

/// <summary>
/// The Hugging Face hub publishes the SHA-256 of every file it keeps in Git LFS. A HEAD of a
/// resolve URL (<c>{hub}/{repo}/resolve/{revision}/{path}</c>, also under <c>datasets/</c> and
/// <c>spaces/</c>) answers such a file with a redirect to its CDN carrying <c>X-Linked-Etag</c> (the
/// SHA-256) and <c>X-Repo-Commit</c>; the redirect is read, not followed. A file kept in git itself
/// (a config.json) has only its git blob id: for it the hub publishes no SHA-256.
/// </summary>
internal sealed class HuggingFaceDigests : IDigestSource
{
    public const string Origin = "the hub's X-Linked-Etag gives";

    // A renamed repository answers on the hub with a redirect to its new name: followed, a few times at most.
    private const int MaxRenames = 5;

    private readonly HostEndpoints _hosts;
    private readonly Func<ApiClient> _api;
    private readonly CredentialResolver _credentials;

    public HuggingFaceDigests(HostEndpoints hosts, Func<ApiClient> api, CredentialResolver credentials)
    {
        _hosts = hosts;
        _api = api;
        _credentials = credentials;
    }

    public bool IsRemote => true;

    /// <summary>True when <paramref name="url"/> is a resolve URL under the hub: a repo (one or two segments), resolve, a revision, a path.</summary>
    public bool IsResolveUrl(Uri url)
    {
        if (HostEndpoints.SegmentsUnder(url, _hosts.HuggingFace) is not { } segments)
        {
            return false;
        }

        var start = segments.Length > 0 && segments[0] is "datasets" or "spaces" or "models" ? 1 : 0;
        for (var repo = 1; repo <= 2; repo++)
        {
            if (segments.Length >= start + repo + 3 && segments[start + repo] == "resolve")
            {
                return true;
            }
        }

        return false;
    }

    public async Task<PinnedDigests?> FindAsync(ArtifactRequest request, CancellationToken cancellationToken)
    {
        if (!IsResolveUrl(request.Url))
        {
            return null;
        }

        // The artifact's own credentials: HF_TOKEN (or the item's token) for the hub, netrc; the HEAD goes to its own URL.
        var credentials = _credentials.For(request);
        var url = request.Url;
        for (var renames = 0; ; renames++)
        {
            var answer = await _api().HeadAsync(url, credentials, HubAnswer.Read, cancellationToken).ConfigureAwait(false);
            if (answer.Value is not { } hub)
            {
                throw new DigestLookupException($"the Hugging Face hub did not answer: {answer.Failure}");
            }

            if (hub.LinkedEtag is { } etag)
            {
                return PublishedDigest.Hex(etag) is { Algorithm: DigestAlgorithm.Sha256 } sha256
                    ? new PinnedDigests([sha256], Origin) { Detail = hub.Commit is null ? null : "X-Repo-Commit " + hub.Commit }
                    : throw new DigestLookupException("the hub's X-Linked-Etag is not a SHA-256");
            }

            if (hub.Location is { } next && Origins.Same(next, url) && renames < MaxRenames)
            {
                url = next;
                continue;
            }

            throw new DigestLookupException("the Hugging Face hub publishes no SHA-256 for this file: it is not stored with Git LFS");
        }
    }

    /// <summary>What the hub's answer to a HEAD says: the LFS SHA-256 (unquoted), the commit, and a redirect's target.</summary>
    private sealed record HubAnswer(string? LinkedEtag, string? Commit, Uri? Location)
    {
        public static HubAnswer Read(HttpResponseMessage response)
        {
            var redirect = (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location
                ? new Uri(response.RequestMessage!.RequestUri!, location)
                : null;
            return new HubAnswer(Unquoted(Header(response, "X-Linked-Etag")), Header(response, "X-Repo-Commit"), redirect);
        }

        private static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.NonValidated.TryGetValues(name, out var values) && values.Count > 0 ? values.ToString().Trim() : null;

        /// <summary>An ETag's opaque part: <c>W/"abc"</c> and <c>"abc"</c> are <c>abc</c>.</summary>
        private static string? Unquoted(string? etag) =>
            etag is null ? null : (etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag).Trim('"');
    }
}

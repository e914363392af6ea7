using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Hosts;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Credentials;

/// <summary>
/// Decides, once per artifact or host look-up, which credentials its requests carry, as grants
/// each for one origin (scheme, host, port), in the order they win: the item's Headers and the
/// token its BearerTokenVariable names, for the origin of the Include URL; user-info written in a
/// URL (<c>https://user:secret@host/…</c>), as Basic for that URL's origin; the token the
/// environment holds for a host that publishes digests (<see cref="HostTokens"/>); then the
/// user's netrc, Basic for a host it lists. A redirect to another origin gets none of these
/// unless they were decided for that origin too.
/// </summary>
internal sealed class CredentialResolver
{
    private readonly FetchEnvironment _environment;
    private readonly HostTokens _tokens;
    private readonly Lazy<NetrcFile> _netrc;

    public CredentialResolver(FetchEnvironment environment, HostEndpoints hosts)
    {
        _environment = environment;
        _tokens = new HostTokens(environment, hosts);
        // Read on the first download that needs credentials: an up-to-date or cached build never opens it.
        _netrc = new Lazy<NetrcFile>(() => NetrcFile.Load(environment));
    }

    /// <summary>
    /// The credentials of an artifact's requests: its own URLs (Include, mirrors) and its checksum
    /// file. Throws FB1006 when the netrc file cannot be used.
    /// </summary>
    public RequestCredentials For(ArtifactRequest request)
    {
        var token = request.BearerTokenVariable is { } variable ? _environment.GetNonEmpty(variable) : null;
        var unset = request.BearerTokenVariable is not null && token is null ? request.BearerTokenVariable : null;
        var grants = new List<CredentialGrant>();
        if (request.Headers.Count > 0 || token is not null)
        {
            grants.Add(new CredentialGrant(request.Url, request.Headers, token is null ? null : RequestCredentials.Bearer(token)));
        }

        // Rewritten sources carry no user-info of the Include URL: it stays a credential for its own origin.
        if (request.IdentityUrl is { } identity && UserInfo.BasicOf(identity) is { } own)
        {
            grants.Add(new CredentialGrant(identity, [], own));
        }

        foreach (var source in request.Sources)
        {
            AddFoundFor(source, grants);
        }

        var origins = new List<Uri>(request.Sources);
        if (request.ChecksumUrl is { } checksum)
        {
            origins.Add(checksum);
        }

        AddHostGrants(grants, origins, request.MaskedUrl);
        return grants.Count == 0 && unset is null ? RequestCredentials.None : new RequestCredentials(grants, unset);
    }

    /// <summary>
    /// The credentials of requests to a host that answers about artifacts (a digest look-up), or
    /// a service such as a content store: the host's token, then netrc. <paramref name="maskedUrl"/>
    /// names the artifact in FB1006 when the netrc file cannot be used.
    /// </summary>
    public RequestCredentials ForHost(Uri url, string maskedUrl)
    {
        var grants = new List<CredentialGrant>();
        AddHostGrants(grants, [url], maskedUrl);
        return grants.Count == 0 ? RequestCredentials.None : new RequestCredentials(grants);
    }

    private void AddHostGrants(List<CredentialGrant> grants, IReadOnlyList<Uri> urls, string maskedUrl)
    {
        foreach (var url in urls)
        {
            if (_tokens.For(url) is { } token)
            {
                grants.Add(new CredentialGrant(url, [], RequestCredentials.Bearer(token)));
            }
        }

        foreach (var url in urls)
        {
            if (!url.IsFile && Netrc(maskedUrl)?.BasicFor(url.IdnHost) is { } basic)
            {
                grants.Add(new CredentialGrant(url, [], basic));
            }
        }
    }

    private Netrc? Netrc(string maskedUrl)
    {
        var file = _netrc.Value;
        if (file.Error is { } error)
        {
            throw new FetchException(DiagnosticCatalog.InvalidNetrc(maskedUrl, file.Path!, error));
        }

        return file.Netrc;
    }

    /// <summary>
    /// What requests to the remote content store carry (SPEC §9): the token <paramref name="tokenVariable"/>
    /// names, as a bearer token, then what is found for the store's URL as for any URL — each for the
    /// store's origin only. No artifact's own credentials ever go to the store.
    /// </summary>
    public RequestCredentials ForStore(Uri store, string? tokenVariable)
    {
        var grants = new List<CredentialGrant>();
        if (tokenVariable is not null && _environment.GetNonEmpty(tokenVariable) is { } token)
        {
            grants.Add(new CredentialGrant(store, [], RequestCredentials.Bearer(token)));
        }

        AddFoundFor(store, grants);
        // netrc as for any host; a netrc file that cannot be used is the artifacts' FB1006, not the store's.
        if (_netrc.Value.Netrc?.BasicFor(store.IdnHost) is { } basic)
        {
            grants.Add(new CredentialGrant(store, [], basic));
        }

        return grants.Count == 0 ? RequestCredentials.None : new RequestCredentials(grants);
    }

    /// <summary>Credentials found for a URL rather than configured on an item: its user-info, as Basic for its origin.</summary>
    private static void AddFoundFor(Uri url, List<CredentialGrant> grants)
    {
        if (UserInfo.BasicOf(url) is { } basic)
        {
            grants.Add(new CredentialGrant(url, [], basic));
        }
    }
}

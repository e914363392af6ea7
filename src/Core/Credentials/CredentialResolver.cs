using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Credentials;

/// <summary>
/// Decides, once per artifact, which credentials its requests carry: the item's Headers and the
/// token its BearerTokenVariable names, for the origin of the Include URL; then user-info written
/// in a URL (<c>https://user:secret@host/…</c>), as Basic credentials for that URL's origin only,
/// as curl sends it. Earlier grants win: an item's own token over a URL's user-info.
/// </summary>
internal sealed class CredentialResolver
{
    private readonly FetchEnvironment _environment;

    public CredentialResolver(FetchEnvironment environment)
    {
        _environment = environment;
    }

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

        return grants.Count == 0 && unset is null ? RequestCredentials.None : new RequestCredentials(grants, unset);
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

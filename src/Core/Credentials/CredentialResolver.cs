using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Credentials;

/// <summary>
/// Decides, once per artifact, which credentials its requests carry: today the item's Headers and
/// the token its BearerTokenVariable names, both for the origin of the Include URL.
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
        if (request.Headers.Count == 0 && token is null)
        {
            return unset is null ? RequestCredentials.None : new RequestCredentials([], unset);
        }

        var grant = new CredentialGrant(request.Sources[0], request.Headers, token is null ? null : RequestCredentials.Bearer(token));
        return new RequestCredentials([grant], unset);
    }
}

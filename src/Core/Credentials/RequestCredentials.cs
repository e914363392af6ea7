using System.Net.Http.Headers;

namespace Fetch.Build.Core.Credentials;

/// <summary>
/// What the requests of one artifact may carry, decided per request URL: each grant goes only to
/// its own origin, so a redirect to another host, or a mirror elsewhere, gets none of it, while a
/// mirror on the same origin gets the same. Every request the downloader sends, redirect hops
/// included, is given to <see cref="ApplyTo"/>.
/// </summary>
internal sealed class RequestCredentials
{
    private readonly IReadOnlyList<CredentialGrant> _grants;

    public RequestCredentials(IReadOnlyList<CredentialGrant> grants, string? unsetVariable = null)
    {
        _grants = grants;
        UnsetVariable = unsetVariable;
    }

    public static RequestCredentials None { get; } = new([]);

    /// <summary>A BearerTokenVariable that names a variable with no value, so that a 401 or 403 can say why.</summary>
    public string? UnsetVariable { get; }

    public void ApplyTo(HttpRequestMessage request)
    {
        foreach (var grant in _grants)
        {
            if (!Origins.Same(request.RequestUri!, grant.Origin))
            {
                continue;
            }

            foreach (var (name, value) in grant.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            // The first grant that has one wins: an item's own token over anything found later.
            request.Headers.Authorization ??= grant.Authorization;
        }
    }

    /// <summary>True when some grant would send an Authorization header to <paramref name="url"/>.</summary>
    public bool Authorizes(Uri url)
    {
        foreach (var grant in _grants)
        {
            if (grant.Authorization is not null && Origins.Same(url, grant.Origin))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A bearer token as the Authorization header value.</summary>
    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}

using System.Net.Http.Headers;

namespace Fetch.Build.Core.Credentials;

/// <summary>Headers one origin may receive, and nothing else may: an item's Headers, a bearer token.</summary>
internal sealed record CredentialGrant(Uri Origin, IReadOnlyList<KeyValuePair<string, string>> Headers, AuthenticationHeaderValue? Authorization);

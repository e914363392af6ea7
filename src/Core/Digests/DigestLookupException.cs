namespace Fetch.Build.Core.Digests;

/// <summary>
/// A remote digest source owns the artifact but gives no digest for it: the look-up failed (host
/// down, 404, an answer it cannot read) or the host publishes none for this file. The message says
/// which, in words that complete "none was published (…)"; it never holds a secret or an unmasked URL.
/// The artifact goes on unpinned, and FB1005 says why — never a silent unverified download.
/// </summary>
internal sealed class DigestLookupException : Exception
{
    public DigestLookupException()
    {
    }

    public DigestLookupException(string message)
        : base(message)
    {
    }

    public DigestLookupException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

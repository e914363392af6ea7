using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Placement;

/// <summary>
/// Decides whether a stored blob may be used as it is, and hashes it when not (RELIABILITY 23):
/// a blob hashed on arrival moments ago, or hashed before under a file identity it still has,
/// is trusted; any other is read whole first, and a bad one is a <see cref="CorruptBlobException"/>.
/// </summary>
internal sealed class BlobCheck
{
    private readonly ContentStore _store;
    private readonly CacheRegistry _registry;
    private readonly LinkMode _linkMode;

    public BlobCheck(ContentStore store, CacheRegistry registry, LinkMode linkMode)
    {
        _store = store;
        _registry = registry;
        _linkMode = linkMode;
    }

    /// <summary>The blob's path, once it is proven. <paramref name="verifiedJustNow"/>: this process hashed its bytes as they arrived.</summary>
    public string Prove(string sha256, bool verifiedJustNow)
    {
        var blob = PathOf(sha256);
        var identity = FileIdentity.Of(blob);
        if (!IsTrusted(sha256, identity, verifiedJustNow))
        {
            if (VerifiedCopy.HashFile(blob) != sha256)
            {
                throw new CorruptBlobException(sha256, blob);
            }

            RecordIfUnchanged(sha256, blob, identity);
        }

        return blob;
    }

    /// <summary>The blob's path; a missing blob is as corrupt as a changed one.</summary>
    public string PathOf(string sha256)
    {
        var blob = _store.PathOf(sha256);
        return File.Exists(blob) ? blob : throw new CorruptBlobException(sha256, blob);
    }

    public bool IsTrusted(string sha256, FileIdentity? identity, bool verifiedJustNow)
    {
        if (verifiedJustNow)
        {
            return true;
        }

        if (identity is not { } current)
        {
            return false;
        }

        var recorded = _registry.VerifiedIdentityOf(sha256);
        // In HardLink mode the change time is left out: every link made or removed (a project's
        // obj/ deleted) changes it, while a write through a link changes the modification time.
        return _linkMode == LinkMode.HardLink ? current.MatchesExceptChangeTime(recorded) : recorded == current.ToString();
    }

    /// <summary>Only if nothing touched the blob while it was read do the hashed bytes vouch for this identity.</summary>
    public void RecordIfUnchanged(string sha256, string blob, FileIdentity? before)
    {
        if (before is { } unchangedWhileRead && FileIdentity.Of(blob) == unchangedWhileRead)
        {
            _registry.RecordVerifiedIdentity(sha256, unchangedWhileRead);
        }
    }
}

using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Sources;

namespace Fetch.Build.Core.Resolution;

/// <summary>
/// Makes verified bytes durable in the cache, in the order that keeps a crash harmless
/// (docs/design.md): the blob renamed into place, then its row, then the URL's row READY — last.
/// </summary>
internal sealed class ContentCommitter
{
    private readonly CacheContext _cache;
    private readonly CrashPoints _crash;

    public ContentCommitter(CacheContext cache, CrashPoints crash)
    {
        _cache = cache;
        _crash = crash;
    }

    /// <summary>
    /// Commits <paramref name="partial"/>, whose bytes hash to <paramref name="digests"/> and were
    /// verified. <paramref name="webPage"/>: the bytes are stored, for this build to place, but the
    /// URL's row is not made READY, so that the next build asks the server again.
    /// <paramref name="pinned"/>: what they were verified against; when a host published it
    /// (<paramref name="published"/>), the URL's row keeps its origin for builds that find them cached.
    /// </summary>
    public ResolvedContent Commit(string partial, ContentDigests digests, string urlKey, SourcedContent sourced, bool webPage = false, PinnedDigests? pinned = null, bool published = false)
    {
        var blob = _cache.Store.Commit(partial, digests.Sha256);
        // The digests were computed from the bytes this process wrote: they vouch for the blob as it is now.
        var identity = FileIdentity.Of(blob);
        _crash.Hit(CrashPoints.AfterBlobCommit);
        DeletePartial(partial);
        _cache.Registry.RecordBlob(digests, identity);
        _crash.Hit(CrashPoints.AfterBlobRecord);
        if (webPage)
        {
            _cache.Registry.FailWrite(urlKey);
        }
        else
        {
            _cache.Registry.CompleteWrite(urlKey, digests.Sha256, digests.Length, sourced.ETag, sourced.LastModified, published ? pinned?.Origin : null);
        }

        return new ResolvedContent(digests.Sha256, digests.Length, sourced.TransferredBytes, webPage)
        {
            PinnedBy = pinned?.Origin,
            Published = published && pinned is not null,
        };
    }

    /// <summary>Drops a partial and the resume state kept beside it, once neither is of use.</summary>
    public static void DeletePartial(string partial)
    {
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(partial)!, Path.GetFileName(partial) + "*"))
        {
            File.Delete(file);
        }
    }
}

using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Placement;

namespace Fetch.Build.Core.Maintenance;

/// <summary>
/// Re-hashes every ready blob (the tool's <c>cache verify</c>). Each is read under its shared hold,
/// beside builds that use it; one that is missing or wrong is removed under the exclusive hold,
/// after a second look there (a build may have replaced it with a good copy meanwhile). A blob
/// found right is recorded under its file identity, so builds then copy it without hashing again.
/// </summary>
internal static class CacheVerifier
{
    /// <summary>Checks every ready blob; <paramref name="progress"/> gets (done, total) after each.</summary>
    public static async Task<(int Checked, IReadOnlyList<CorruptContent> Corrupt)> VerifyAsync(CacheContext cache, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var stored = cache.Registry.ListStored();
        var corrupt = new List<CorruptContent>();
        for (var i = 0; i < stored.Count; i++)
        {
            var row = stored[i];
            using (await cache.HoldContentAsync(row.Sha256, cancellationToken).ConfigureAwait(false))
            {
                if (Check(cache, row.Sha256, cancellationToken) is null)
                {
                    progress?.Invoke(i + 1, stored.Count);
                    continue;
                }
            }

            using (await CacheLock.AcquireAsync(cache.Layout.ContentLockPath(row.Sha256), cancellationToken).ConfigureAwait(false))
            {
                if (Check(cache, row.Sha256, cancellationToken) is { } actual)
                {
                    cache.Registry.RemoveContent(row.Sha256);
                    cache.Store.Delete(row.Sha256);
                    corrupt.Add(new CorruptContent(row.Url, row.Sha256, row.Size, DateTimeOffset.FromUnixTimeSeconds(row.LastUsed), actual.Length == 0 ? null : actual));
                }
            }

            progress?.Invoke(i + 1, stored.Count);
        }

        return (stored.Count, corrupt);
    }

    /// <summary>Null when the blob is right; else what it hashed to, or "" when it is missing.</summary>
    private static string? Check(CacheContext cache, string sha256, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = cache.Store.PathOf(sha256);
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        var before = FileIdentity.Of(path);
        var actual = VerifiedCopy.HashFile(path);
        if (actual != sha256)
        {
            return actual;
        }

        if (before is { } identity && FileIdentity.Of(path) == identity)
        {
            // Hashed and right under this identity: builds may now copy it without hashing again.
            cache.Registry.RecordVerifiedIdentity(sha256, identity);
        }

        return null;
    }
}

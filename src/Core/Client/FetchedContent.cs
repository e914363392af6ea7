namespace Fetch.Build.Core.Client;

/// <summary>
/// Verified content in the machine's cache. <see cref="CachedPath"/> is the cache's own read-only
/// file: read it, never write, move or delete it. It stays until someone cleans the cache, so a
/// program that keeps the file should <see cref="CopyToAsync"/> it somewhere of its own.
/// </summary>
public sealed class FetchedContent
{
    internal FetchedContent(string cachedPath, string maskedUrl, string sha256, long size, bool fromCache)
    {
        CachedPath = cachedPath;
        MaskedUrl = maskedUrl;
        Sha256 = sha256;
        Size = size;
        FromCache = fromCache;
    }

    /// <summary>Full path of the read-only file in the cache.</summary>
    public string CachedPath { get; }

    /// <summary>The request's URL, with any secret masked.</summary>
    public string MaskedUrl { get; }

    /// <summary>The content's SHA-256, lowercase hex, as computed from its bytes.</summary>
    public string Sha256 { get; }

    /// <summary>Length in bytes.</summary>
    public long Size { get; }

    /// <summary>True when no byte was transferred: a build or a program had fetched it before.</summary>
    public bool FromCache { get; }

    /// <summary>A read-only stream over the content.</summary>
    public Stream OpenRead() => new FileStream(CachedPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    /// <summary>
    /// Copies the content to <paramref name="destinationFile"/>, a writable file of the caller's,
    /// replacing one there. A copy that fails leaves no partial file at that path.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destinationFile"/> is empty.</exception>
    public async Task CopyToAsync(string destinationFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(destinationFile);
        var target = Path.GetFullPath(destinationFile);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            var source = OpenRead();
            await using (source.ConfigureAwait(false))
            {
                var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await using (copy.ConfigureAwait(false))
                {
                    await source.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

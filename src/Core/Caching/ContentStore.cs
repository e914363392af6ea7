namespace Fetch.Build.Core.Caching;

/// <summary>
/// Content-addressed files under blobs/sha256/. A blob appears only by an atomic rename of a
/// verified, flushed temp file, and is read-only once there.
/// </summary>
internal sealed class ContentStore
{
    private readonly CacheLayout _layout;

    public ContentStore(CacheLayout layout)
    {
        _layout = layout;
    }

    public string PathOf(string sha256) => _layout.BlobPath(sha256);

    /// <summary>The blob's size when it exists, else null. One stat.</summary>
    public long? SizeOf(string sha256)
    {
        var info = new FileInfo(PathOf(sha256));
        return info.Exists ? info.Length : null;
    }

    /// <summary>
    /// Moves a verified temp file into the store. The caller computed <paramref name="sha256"/>
    /// from the bytes as they were written, and holds the lock for this content.
    /// </summary>
    public string Commit(string verifiedTempPath, string sha256)
    {
        FlushToDisk(verifiedTempPath);
        var target = PathOf(sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            // Same digest already stored by someone else; make it writable so the rename can replace it.
            File.SetAttributes(target, FileAttributes.Normal);
        }

        File.Move(verifiedTempPath, target, overwrite: true);
        MakeReadOnly(target);
        return target;
    }

    public void Delete(string sha256)
    {
        var path = PathOf(sha256);
        if (File.Exists(path))
        {
            // Only Windows refuses to delete a read-only file; on Unix a chmod here would make every
            // project's hard link to the blob (FetchLinkMode=HardLink) writable too.
            if (OperatingSystem.IsWindows())
            {
                File.SetAttributes(path, FileAttributes.Normal);
            }

            File.Delete(path);
        }
    }

    /// <summary>Every sha256 in the store, for rebuilding a lost registry.</summary>
    public IEnumerable<(string Sha256, long Size)> Enumerate()
    {
        if (!Directory.Exists(_layout.BlobFolder))
        {
            yield break;
        }

        foreach (var file in new DirectoryInfo(_layout.BlobFolder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            if (file.Name.Length == 64 && file.Name.All(char.IsAsciiHexDigitLower))
            {
                yield return (file.Name, file.Length);
            }
        }
    }

    internal static void FlushToDisk(string path)
    {
        // Rename-after-fsync: a crash can never leave a renamed but empty blob.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        stream.Flush(flushToDisk: true);
    }

    private static void MakeReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }
}

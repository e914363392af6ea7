using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Placement;

/// <summary>
/// Puts stored content at a plain-file destination: copy (or hard link) to a temp name beside it,
/// then an atomic rename. The copy, or the blob before it is linked, is hashed unless the blob
/// still has the file identity under which it was last hashed (docs/design.md). Never overwrites
/// a file it did not place (FB1012).
/// </summary>
internal sealed class FilePlacer
{
    private readonly BlobCheck _blobs;
    private readonly LinkMode _linkMode;

    public FilePlacer(BlobCheck blobs, LinkMode linkMode)
    {
        _blobs = blobs;
        _linkMode = linkMode;
    }

    /// <summary>
    /// Places the blob <paramref name="sha256"/> at <paramref name="destination"/>. Throws
    /// <see cref="CorruptBlobException"/> when the stored copy is bad. <paramref name="placedBefore"/>:
    /// what is at the destination is the very file Fetch.Build placed there. <paramref name="verifiedJustNow"/>:
    /// this process hashed the blob's bytes as they arrived, moments ago, so the copy need not hash them again.
    /// </summary>
    public PlacementRecord Place(string destination, string sha256, string requestKey, bool placedBefore, bool verifiedJustNow, string maskedUrl, CancellationToken cancellationToken)
    {
        if (Directory.Exists(destination))
        {
            throw new FetchException(DiagnosticCatalog.ForeignFile(maskedUrl, destination));
        }

        if (!placedBefore && File.Exists(destination))
        {
            // Not ours: adopt it only if it already holds exactly this content.
            if (VerifiedCopy.HashFile(destination) != sha256)
            {
                throw new FetchException(DiagnosticCatalog.ForeignFile(maskedUrl, destination));
            }

            return Record(destination, requestKey, sha256);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        PlacementTemps.DeleteLeftovers(destination);
        var temp = PlacementTemps.NewTemp(destination);
        try
        {
            WriteTemp(sha256, temp, verifiedJustNow, cancellationToken);
            File.Move(temp, destination, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return Record(destination, requestKey, sha256);
    }

    private void WriteTemp(string sha256, string temp, bool verifiedJustNow, CancellationToken cancellationToken)
    {
        if (_linkMode == LinkMode.HardLink)
        {
            // A link is the stored file itself, so the file itself is proven before it is linked.
            var proven = _blobs.Prove(sha256, verifiedJustNow);
            if (!HardLinks.TryCreate(proven, temp))
            {
                // Refused (another device): a copy of the blob just proven.
                CopyTrusted(sha256, proven, temp);
            }

            return;
        }

        var blob = _blobs.PathOf(sha256);
        var identity = FileIdentity.Of(blob);
        if (_blobs.IsTrusted(sha256, identity, verifiedJustNow))
        {
            CopyTrusted(sha256, blob, temp);
            return;
        }

        // A clone shares the blob's blocks, so hashing the clone reads the blob once and writes
        // nothing; otherwise hashed while copied: an untrusted blob costs one read, not two.
        var actual = FileClones.TryClone(blob, temp) ? VerifiedCopy.HashFile(temp) : VerifiedCopy.Copy(blob, temp, cancellationToken);
        if (actual != sha256)
        {
            throw new CorruptBlobException(sha256, blob);
        }

        _blobs.RecordIfUnchanged(sha256, blob, identity);
    }

    /// <summary>File.Copy: a clone where the file system can (FICLONE, clonefile), else the kernel's own copy (copy_file_range); checked for length.</summary>
    private static void CopyTrusted(string sha256, string blob, string temp)
    {
        File.Copy(blob, temp);
        MakeCopyOwn(temp);
        if (new FileInfo(temp).Length != new FileInfo(blob).Length)
        {
            throw new CorruptBlobException(sha256, blob);
        }
    }

    /// <summary>
    /// File.Copy carries the blob's read-only mode and, on Unix, its time over. A placed copy is
    /// the user's and as new as its placement: a version switched back to, cached long ago, must
    /// still look newer than bin/'s copy of the other one to PreserveNewest.
    /// </summary>
    internal static void MakeCopyOwn(string path)
    {
        MakeWritable(path);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
    }

    private static void MakeWritable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.Normal);
        }
        else
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserWrite);
        }
    }

    private static PlacementRecord Record(string destination, string requestKey, string sha256)
    {
        var stamp = FileStamp.Of(destination)!.Value;
        return new PlacementRecord(destination, requestKey, sha256, null, stamp.Size, stamp.MTimeTicks, FileKey.Describe(destination));
    }
}

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
    private readonly ContentStore _store;
    private readonly CacheRegistry _registry;
    private readonly LinkMode _linkMode;

    public FilePlacer(ContentStore store, CacheRegistry registry, LinkMode linkMode)
    {
        _store = store;
        _registry = registry;
        _linkMode = linkMode;
    }

    /// <summary>
    /// Places the blob <paramref name="sha256"/> at <paramref name="destination"/>. Throws
    /// <see cref="CorruptBlobException"/> when the stored copy is bad. <paramref name="verifiedJustNow"/>:
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
        var temp = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.fetch-tmp");
        try
        {
            var linked = WriteTemp(sha256, temp, verifiedJustNow, cancellationToken);
            File.Move(temp, destination, overwrite: true);
            if (linked is { } vouched)
            {
                KeepTrustAfterLinking(sha256, _store.PathOf(sha256), vouched);
            }
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

    /// <summary>Writes the temp file; for a hard link, returns the blob's identity that the hash or the registry vouched for.</summary>
    private FileIdentity? WriteTemp(string sha256, string temp, bool verifiedJustNow, CancellationToken cancellationToken)
    {
        var blob = _store.PathOf(sha256);
        if (!File.Exists(blob))
        {
            throw new CorruptBlobException(sha256, blob);
        }

        var identity = FileIdentity.Of(blob);
        // Hashed on arrival moments ago, or hashed before and untouched since.
        var trusted = verifiedJustNow || (identity is { } unchanged && _registry.VerifiedIdentityOf(sha256) == unchanged.ToString());
        if (_linkMode == LinkMode.HardLink)
        {
            if (!trusted)
            {
                // A link is the stored file itself, so the file itself must be proven first (RELIABILITY 23).
                if (VerifiedCopy.HashFile(blob) != sha256)
                {
                    throw new CorruptBlobException(sha256, blob);
                }

                trusted = true;
            }

            if (HardLinks.TryCreate(blob, temp))
            {
                // Linking changes the blob's change time and nothing else; anything more means
                // another process is writing the stored file, and what was linked is not trusted.
                if (identity is { } before && FileIdentity.Of(blob) is { } now && now with { ChangedNs = before.ChangedNs } != before)
                {
                    throw new CorruptBlobException(sha256, blob);
                }

                return identity;
            }
        }

        if (trusted)
        {
            // The kernel's own copy (copy_file_range where available), checked for length.
            File.Copy(blob, temp);
            MakeWritable(temp);
            if (new FileInfo(temp).Length != new FileInfo(blob).Length)
            {
                throw new CorruptBlobException(sha256, blob);
            }

            return null;
        }

        if (VerifiedCopy.Copy(blob, temp, cancellationToken) != sha256)
        {
            throw new CorruptBlobException(sha256, blob);
        }

        // Only if nothing touched the blob while it was read do the hashed bytes vouch for this identity.
        if (identity is { } unchangedWhileRead && FileIdentity.Of(blob) == unchangedWhileRead)
        {
            _registry.RecordVerifiedIdentity(sha256, unchangedWhileRead);
        }

        return null;
    }

    /// <summary>
    /// Linking the blob and renaming the link into place changed the blob's change time, which
    /// would make the next placement hash it all again. If nothing else moved since
    /// <paramref name="vouched"/>, record the identity it has now; if something did, record
    /// nothing, and the next placement hashes it.
    /// </summary>
    private void KeepTrustAfterLinking(string sha256, string blob, FileIdentity vouched)
    {
        if (FileIdentity.Of(blob) is { } now && now with { ChangedNs = vouched.ChangedNs } == vouched)
        {
            _registry.RecordVerifiedIdentity(sha256, now);
        }
    }

    /// <summary>File.Copy carries the blob's read-only mode over; a placed file belongs to the user's tree.</summary>
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
        return new PlacementRecord(destination, requestKey, sha256, null, stamp.Size, stamp.MTimeTicks);
    }
}

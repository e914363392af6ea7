using System.Globalization;
using System.Runtime.InteropServices;

namespace Fetch.Build.Core.Caching;

/// <summary>
/// Which file, and which version of it: device, inode, size, modification and change time. Any
/// write, chmod, link, replace or restore from a backup gives a file another identity, and user
/// code cannot set the change time back; so content hashed under one identity is still the same
/// content while the identity holds (the rule git's index and Bazel's digest cache rely on).
/// </summary>
internal readonly partial record struct FileIdentity(ulong Device, ulong Inode, long Size, long ModifiedNs, long ChangedNs)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const uint StatxBirthTime = 0x800;
    private const int StatxSize = 256;
    private static bool _unavailable;

    /// <summary>
    /// The identity of the file at <paramref name="path"/>; null when it is missing or this OS is
    /// not Linux (callers then trust nothing). <paramref name="followLinks"/> false: of a final
    /// link itself, not of what it points to.
    /// </summary>
    public static FileIdentity? Of(string path, bool followLinks = true)
    {
        if (!OperatingSystem.IsLinux() || Volatile.Read(ref _unavailable))
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[StatxSize];
        try
        {
            if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats | StatxBirthTime, ref MemoryMarshal.GetReference(buffer)) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            // A C library without statx (older glibc, some musl): no identities, every copy is hashed.
            Volatile.Write(ref _unavailable, true);
            return null;
        }

        // struct statx has one layout on every Linux architecture.
        return new FileIdentity(
            Device: ((ulong)BitConverter.ToUInt32(buffer[136..]) << 32) | BitConverter.ToUInt32(buffer[140..]),
            Inode: BitConverter.ToUInt64(buffer[32..]),
            Size: BitConverter.ToInt64(buffer[40..]),
            ModifiedNs: Nanoseconds(buffer, 112),
            ChangedNs: Nanoseconds(buffer, 96))
        {
            BornNs = (BitConverter.ToUInt32(buffer) & StatxBirthTime) != 0 ? Nanoseconds(buffer, 80) : 0,
        };
    }

    /// <summary>
    /// When the file was created, where the file system records it (0 elsewhere). Not part of
    /// <see cref="ToString"/>: it tells a new file that reuses a deleted one's inode from that one
    /// (see <see cref="FileKey"/>), which a blob's other facts already do.
    /// </summary>
    public long BornNs { get; init; }

    /// <summary>The form the registry stores.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Device}:{Inode}:{Size}:{ModifiedNs}:{ChangedNs}");

    /// <summary>
    /// True when <paramref name="recorded"/> (a <see cref="ToString"/> form) names this file with
    /// this size and modification time, whatever its change time. For hard-linked blobs: every
    /// link made or removed (a project's obj/ deleted) changes the shared file's change time.
    /// </summary>
    public bool MatchesExceptChangeTime(string? recorded) =>
        recorded is not null && recorded.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{Device}:{Inode}:{Size}:{ModifiedNs}:"), StringComparison.Ordinal);

    // BitConverter (native byte order, as statx writes) rather than a generic MemoryMarshal.Read<T>:
    // a generic over the runtime's own types cannot be precompiled into the ReadyToRun image.
    private static long Nanoseconds(ReadOnlySpan<byte> buffer, int offset) =>
        (BitConverter.ToInt64(buffer[offset..]) * 1_000_000_000) + BitConverter.ToUInt32(buffer[(offset + 8)..]);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte result);
}

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Fetch.Build.Core.Http;

/// <summary>
/// Starts the disk write of a stretch a download has written, without waiting for it. A blob is
/// fsync'ed before it is committed; left to that fsync, the whole file's write comes after the
/// last byte arrived (about half a second per GiB on the bench's disk). Started as the file
/// grows, it runs beside the transfer and the fsync waits for the last stretch only. Linux only
/// (sync_file_range); elsewhere the fsync does it all.
/// </summary>
internal static partial class EarlyWriteback
{
    /// <summary>Bytes between two starts: calls cost nothing at this size, and the fsync has little left.</summary>
    public const long Step = 8L * 1024 * 1024;

    private const uint SyncFileRangeWrite = 2;

    /// <summary>
    /// Starts the write of what a copy wrote since <paramref name="started"/> once a whole step of
    /// it is there; <paramref name="fileOffset"/> is where the copy began in the file. Returns
    /// where the next stretch begins.
    /// </summary>
    public static long StartEachStep(SafeFileHandle file, long fileOffset, long started, long written)
    {
        if (written - started < Step)
        {
            return started;
        }

        Start(file, fileOffset + started, written - started);
        return written;
    }

    /// <summary>True when the OS took the request; false off Linux or when it refused (the fsync then does the work).</summary>
    public static bool Start(SafeFileHandle file, long offset, long count) =>
        OperatingSystem.IsLinux() && count > 0 && SyncFileRange(file, offset, count, SyncFileRangeWrite) == 0;

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(SafeFileHandle file, long offset, long count, uint flags);
}

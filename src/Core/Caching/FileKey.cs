using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Fetch.Build.Core.Caching;

/// <summary>
/// Which file or folder a path names, whatever it holds: device, inode and birth time on Linux (a
/// file created where one was deleted may get its inode), volume and file index on Windows (whose
/// index carries a reuse count). A placement records it, so a path that has come to name something else (the
/// user's file put in its place, a folder on the way replaced by a link) is not taken for what
/// Fetch.Build placed. A final link is never followed: its own identity is not its target's.
/// </summary>
internal readonly partial record struct FileKey(ulong Device, ulong Index, long BornNs)
{
    private const uint OpenExisting = 3;
    private const uint ShareAll = 7;
    private const uint BackupSemantics = 0x02000000;
    private const uint OpenReparsePoint = 0x00200000;

    /// <summary>The key of what <paramref name="path"/> names; null when nothing is there, or on an OS without one (macOS: callers then go by path).</summary>
    public static FileKey? Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return OfWindows(path);
        }

        return FileIdentity.Of(path, followLinks: false) is { } identity ? new FileKey(identity.Device, identity.Inode, identity.BornNs) : null;
    }

    /// <summary>The form placements record; null when there is no key.</summary>
    public static string? Describe(string path) => Of(path)?.ToString();

    // Concatenation, not interpolation: this runs on every no-op build, and interpolating numbers
    // instantiates generics the ReadyToRun image lacks.
    public override string ToString() =>
        Device.ToString(CultureInfo.InvariantCulture) + ":" + Index.ToString(CultureInfo.InvariantCulture) + ":" + BornNs.ToString(CultureInfo.InvariantCulture);

    private static FileKey? OfWindows(string path)
    {
        try
        {
            // No access asked, only attributes: opens a folder (backup semantics) or a link itself (reparse point).
            using var handle = CreateFile(path, 0, ShareAll, IntPtr.Zero, OpenExisting, BackupSemantics | OpenReparsePoint, IntPtr.Zero);
            if (handle.IsInvalid || !GetFileInformationByHandle(handle, out var info))
            {
                return null;
            }

            return new FileKey(info.VolumeSerialNumber, ((ulong)info.FileIndexHigh << 32) | info.FileIndexLow, 0);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("kernel32.dll", EntryPoint = "CreateFileW", StringMarshalling = StringMarshalling.Utf16, SetLastError = true)]
    private static partial SafeFileHandle CreateFile(string name, uint access, uint share, IntPtr security, uint disposition, uint flags, IntPtr template);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetFileInformationByHandle(SafeFileHandle file, out ByHandleFileInformation information);

    /// <summary>BY_HANDLE_FILE_INFORMATION; the three FILETIMEs as pairs of 32-bit halves.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ByHandleFileInformation
    {
        public uint FileAttributes;
        public uint CreationTimeLow;
        public uint CreationTimeHigh;
        public uint LastAccessTimeLow;
        public uint LastAccessTimeHigh;
        public uint LastWriteTimeLow;
        public uint LastWriteTimeHigh;
        public uint VolumeSerialNumber;
        public uint FileSizeHigh;
        public uint FileSizeLow;
        public uint NumberOfLinks;
        public uint FileIndexHigh;
        public uint FileIndexLow;
    }
}

using System.Runtime.InteropServices;

namespace Fetch.Build.Core.Placement;

/// <summary>
/// Copy-on-write clones: on XFS (reflink), btrfs, bcachefs and APFS a clone shares the source's
/// blocks, costs no write and is as independent as a copy (a later write to either is its own).
/// .NET's File.Copy already tries a clone on Linux (FICLONE) and macOS (clonefile), but does not
/// say whether it cloned; the placer needs to know, because a clone of a blob not yet trusted is
/// hashed by reading it (no write), while a real copy is better hashed as it is written.
/// </summary>
internal static partial class FileClones
{
    // _IOW(0x94, 9, int): the Linux ioctl that makes the destination share the source's extents.
    private const nuint Ficlone = 0x40049409;

    /// <summary>
    /// Creates <paramref name="target"/> (which must not exist) as a clone of <paramref name="source"/>;
    /// false, with no file left at <paramref name="target"/>, when the file system cannot clone
    /// (ext4, tmpfs, another device, Windows).
    /// </summary>
    public static bool TryClone(string source, string target)
    {
        if (OperatingSystem.IsLinux())
        {
            return TryLinuxClone(source, target);
        }

        // clonefile refuses an existing target and creates it itself.
        return OperatingSystem.IsMacOS() && CloneFile(source, target, 0) == 0;
    }

    private static bool TryLinuxClone(string source, string target)
    {
        bool cloned;
        using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
        using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
        {
            cloned = Ioctl((int)output.SafeFileHandle.DangerousGetHandle(), Ficlone, (int)input.SafeFileHandle.DangerousGetHandle()) == 0;
        }

        if (!cloned)
        {
            File.Delete(target);
        }

        return cloned;
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, int sourceFd);

    [LibraryImport("libc", EntryPoint = "clonefile", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int CloneFile(string source, string target, uint flags);
}

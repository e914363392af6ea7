using System.Runtime.InteropServices;

namespace Fetch.Build.Core.Placement;

/// <summary>.NET has no hard-link API.</summary>
internal static partial class HardLinks
{
    /// <summary>Creates <paramref name="link"/> as a hard link to <paramref name="target"/>; false when the OS refuses (other device, no support).</summary>
    public static bool TryCreate(string target, string link) =>
        OperatingSystem.IsWindows() ? CreateHardLinkW(link, target, IntPtr.Zero) : UnixLink(target, link) == 0;

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int UnixLink(string target, string link);

    [LibraryImport("kernel32.dll", EntryPoint = "CreateHardLinkW", StringMarshalling = StringMarshalling.Utf16, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CreateHardLinkW(string link, string target, IntPtr securityAttributes);
}

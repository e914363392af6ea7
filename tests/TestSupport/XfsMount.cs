namespace Fetch.Build.TestSupport;

/// <summary>
/// An XFS file system with reflink (copy-on-write clones), made in a sparse image file and mounted
/// through a loop device on a temp folder: a real clone-capable file system for clone tests.
/// Needs Linux, xfsprogs (.ci/run installs it) and root or password-less sudo; elsewhere the test is
/// ignored with that reason rather than faked.
/// </summary>
public sealed class XfsMount : IDisposable
{
    private readonly TempDirectory _folder;
    private readonly bool _sudo;

    private XfsMount(TempDirectory folder, bool sudo)
    {
        _folder = folder;
        _sudo = sudo;
    }

    /// <summary>The mounted file system's root, writable by this process.</summary>
    public string Path => System.IO.Path.Combine(_folder.Path, "mnt");

    public static async Task<XfsMount> MountAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("an XFS loop file system needs Linux");
        }

        var folder = new TempDirectory("fetch-xfs");
        var image = System.IO.Path.Combine(folder.Path, "xfs.img");
        var mountPoint = System.IO.Path.Combine(folder.Path, "mnt");
        Directory.CreateDirectory(mountPoint);
        // XFS's smallest file system is 300 MB; the image is sparse, so it costs what is written.
        using (var file = new FileStream(image, FileMode.CreateNew))
        {
            file.SetLength(320L << 20);
        }

        var sudo = Environment.UserName != "root";
        var made = await RunAsync(false, ["mkfs.xfs", "-q", "-m", "reflink=1", image]);
        if (made.ExitCode != 0)
        {
            folder.Dispose();
            Assert.Fail($"mkfs.xfs failed (install xfsprogs): {made.Output.Trim()}");
        }

        var mounted = await RunAsync(sudo, ["mount", "-o", "loop", image, mountPoint]);
        if (mounted.ExitCode != 0)
        {
            folder.Dispose();
            Assert.Ignore($"mounting a loop file system needs root or password-less sudo: {mounted.Output.Trim()}");
        }

        if (sudo)
        {
            await RunAsync(true, ["chown", Environment.UserName, mountPoint]);
        }

        return new XfsMount(folder, sudo);
    }

    /// <summary>The FIEMAP flags of each extent of <paramref name="file"/> (0x2000: shared with another file).</summary>
    public static async Task<IReadOnlyList<int>> ExtentFlagsAsync(string file)
    {
        var result = await RunAsync(false, ["xfs_io", "-r", "-c", "fiemap -v", file]);
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        return result.Output.Split('\n')
            .Select(line => line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 5 && parts[0].EndsWith(':') && parts[^1].StartsWith("0x", StringComparison.Ordinal))
            .Select(parts => Convert.ToInt32(parts[^1], 16))
            .ToList();
    }

    public void Dispose()
    {
        RunAsync(_sudo, ["umount", "-l", Path]).GetAwaiter().GetResult();
        _folder.Dispose();
    }

    private static Task<ProcessResult> RunAsync(bool sudo, string[] command) =>
        sudo
            ? ProcessRunner.RunAsync("sudo", ["-n", .. command], System.IO.Path.GetTempPath(), new Dictionary<string, string?>(), TimeSpan.FromSeconds(60))
            : ProcessRunner.RunAsync(command[0], command[1..], System.IO.Path.GetTempPath(), new Dictionary<string, string?>(), TimeSpan.FromSeconds(60));
}

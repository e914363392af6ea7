namespace Fetch.Build.TestSupport;

/// <summary>
/// A small tmpfs mounted on a temp folder: a real file system that fills up, for full-disk tests.
/// Needs root, or sudo without a password (GitHub's Linux runners); elsewhere the test is ignored
/// with that reason rather than faked.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private readonly TempDirectory _folder;
    private readonly bool _sudo;

    private TmpfsMount(TempDirectory folder, bool sudo)
    {
        _folder = folder;
        _sudo = sudo;
    }

    public string Path => _folder.Path;

    public static async Task<TmpfsMount> MountAsync(long bytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("a tmpfs needs Linux");
        }

        var folder = new TempDirectory("fetch-tmpfs");
        string[] mount = ["mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", folder.Path];
        var sudo = Environment.UserName != "root";
        var result = await RunAsync(sudo, mount);
        if (result.ExitCode != 0)
        {
            folder.Dispose();
            Assert.Ignore($"mounting a tmpfs needs root or password-less sudo: {result.Output.Trim()}");
        }

        return new TmpfsMount(folder, sudo);
    }

    public void Dispose()
    {
        RunAsync(_sudo, ["umount", "-l", Path]).GetAwaiter().GetResult();
        _folder.Dispose();
    }

    private static Task<ProcessResult> RunAsync(bool sudo, string[] command) =>
        sudo
            ? ProcessRunner.RunAsync("sudo", ["-n", .. command], System.IO.Path.GetTempPath(), new Dictionary<string, string?>(), TimeSpan.FromSeconds(30))
            : ProcessRunner.RunAsync(command[0], command[1..], System.IO.Path.GetTempPath(), new Dictionary<string, string?>(), TimeSpan.FromSeconds(30));
}

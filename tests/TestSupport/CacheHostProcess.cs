namespace Fetch.Build.TestSupport;

/// <summary>Starts the CacheHost program: one separate process driving Core as the task does, as one build would. The test project must build it beside itself (a ProjectReference with ReferenceOutputAssembly="false").</summary>
public static class CacheHostProcess
{
    public static string DllPath
    {
        get
        {
            // tests/<test project>/bin/<Configuration>/<tfm>/ → tests/CacheHost/bin/<Configuration>/<tfm>/
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tfm = testOutput.Name;
            var configuration = testOutput.Parent!.Name;
            return Path.Combine(RepositoryRoot.Find(), "tests", "CacheHost", "bin", configuration, tfm, "Fetch.Build.CacheHost.dll");
        }
    }

    public static Task<ProcessResult> RunAsync(string cache, string project, IEnumerable<string> artifacts, string? killAt = null) =>
        ProcessRunner.RunAsync(Dotnet, [DllPath, cache, project, .. artifacts], project, Environment(killAt), TimeSpan.FromMinutes(2));

    public static System.Diagnostics.Process Start(string cache, string project, IEnumerable<string> artifacts)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Dotnet) { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = project };
        foreach (var argument in new[] { DllPath, cache, project }.Concat(artifacts))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("FETCH_BUILD_TEST_KILL_AT");
        return System.Diagnostics.Process.Start(start)!;
    }

    private static string Dotnet => System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static Dictionary<string, string?> Environment(string? killAt) => new()
    {
        ["FETCH_BUILD_TEST_KILL_AT"] = killAt,
        ["FETCH_BUILD_CACHE"] = null,
        ["FETCH_BUILD_OFFLINE"] = null,
    };
}

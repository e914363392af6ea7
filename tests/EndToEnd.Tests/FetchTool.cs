using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>Runs the installed <c>dotnet-fetch</c> as a user's shell would, its output redirected (so no terminal: no colour, no questions).</summary>
internal static class FetchTool
{
    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = PackageFeed.PackagesFolder,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["FETCH_BUILD_CACHE"] = null,
            ["FETCH_BUILD_OFFLINE"] = null,
            ["FETCH_BUILD_CACHE_MAX_SIZE"] = null,
        };
        // The tool's launcher finds the runtime through DOTNET_ROOT when it is not where the OS keeps it by default.
        if (Path.IsPathRooted(dotnet))
        {
            environment["DOTNET_ROOT"] = Path.GetDirectoryName(dotnet);
        }

        return ProcessRunner.RunAsync(Path.Combine(PackageFeed.ToolFolder, OperatingSystem.IsWindows() ? "dotnet-fetch.exe" : "dotnet-fetch"), arguments, workingDirectory, environment, TimeSpan.FromMinutes(4));
    }
}

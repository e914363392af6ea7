using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>Runs the dotnet CLI as a user's shell would: no inherited MSBuild state, no node reuse.</summary>
internal static class Dotnet
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(4);

    public static Task<ProcessResult> RunAsync(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? extraEnvironment = null, TimeSpan? timeout = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = PackageFeed.PackagesFolder,
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            // The test host's own MSBuild settings must not leak into the user's build.
            ["MSBuildSDKsPath"] = null,
            ["MSBuildExtensionsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
            ["FETCH_BUILD_CACHE"] = null,
            ["FETCH_BUILD_OFFLINE"] = null,
            ["FETCH_BUILD_LOCKED_MODE"] = null,
        };
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return ProcessRunner.RunAsync(dotnet, arguments, workingDirectory, environment, timeout ?? DefaultTimeout);
    }
}

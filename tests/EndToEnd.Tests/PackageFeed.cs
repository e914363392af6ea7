using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>
/// Packs Fetch.Build (and the library, Fetch.Build.Core) once per test run into a temp feed, with a fresh NuGet packages folder,
/// exactly as a user would consume it.
/// </summary>
[SetUpFixture]
public sealed class PackageFeed
{
    public const string Version = "1.0.0-e2e";
    private static TempDirectory? _root;

    public static string FeedFolder => Path.Combine(Root.Path, "feed");

    public static string PackagesFolder => Path.Combine(Root.Path, "packages");

    /// <summary>The packed Fetch.Build.Tool, installed as a user installs it (<c>dotnet tool install --tool-path</c>).</summary>
    public static string ToolFolder => Path.Combine(Root.Path, "tools");

    private static TempDirectory Root => _root ?? throw new InvalidOperationException("the package feed is not set up");

    [OneTimeSetUp]
    public async Task PackAsync()
    {
        _root = new TempDirectory("fetch-e2e");
        Directory.CreateDirectory(PackagesFolder);
        // Pack a copy of the sources: a pack in the repository itself would restore and build into
        // the same obj/ folders that the other test projects are being built from at this moment.
        var sources = SourceCopy.Make(RepositoryRoot.Find(), Path.Combine(Root.Path, "sources"));
        var project = Path.Combine(sources, "src", "Tasks", "Fetch.Build.Tasks.csproj");
        // The machine's own packages folder: the solution restore already filled it for these projects.
        var result = await Dotnet.RunAsync(sources, ["pack", project, "-c", "Release", "-o", FeedFolder, $"-p:Version={Version}", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") },
            // Packing compiles the task twice, once ahead of time (ReadyToRun): on a busy two-core machine that alone can take minutes.
            TimeSpan.FromMinutes(15));
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        Assert.That(File.Exists(Path.Combine(FeedFolder, $"Fetch.Build.{Version}.nupkg")), Is.True, result.Output);

        // The library package, into the same feed: its assembly was built by the pack above.
        var library = await Dotnet.RunAsync(sources, ["pack", Path.Combine(sources, "src", "Core", "Fetch.Build.Core.csproj"), "-c", "Release", "--no-build", "-o", FeedFolder, $"-p:Version={Version}"],
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") });
        Assert.That(library.ExitCode, Is.Zero, library.Output);
        var tool = await Dotnet.RunAsync(sources, ["pack", Path.Combine(sources, "src", "Tool", "Fetch.Build.Tool.csproj"), "-c", "Release", "-o", FeedFolder, $"-p:Version={Version}", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES") }, TimeSpan.FromMinutes(15));
        Assert.That(tool.ExitCode, Is.Zero, tool.Output);
        ConsumerFiles.WriteNuGetConfig(Root.Path, inheritSources: false);
        var install = await Dotnet.RunAsync(Root.Path, ["tool", "install", "--tool-path", ToolFolder, "Fetch.Build.Tool", "--version", Version, "--configfile", Path.Combine(Root.Path, "nuget.config")]);
        Assert.That(install.ExitCode, Is.Zero, install.Output);
    }

    [OneTimeTearDown]
    public void Delete() => _root?.Dispose();
}

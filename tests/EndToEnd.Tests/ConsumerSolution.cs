using System.Security;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>
/// A repository as users lay it out: a solution with an app that references a library, the
/// Fetch.Build reference in Directory.Build.props and the DownloadArtifact items declared once,
/// for both projects, in Directory.Build.targets. Commands run at the repository root, as typed.
/// </summary>
internal sealed class ConsumerSolution : ConsumerFolder
{
    public ConsumerSolution(string cacheDirectory)
        : base("fetch-solution", cacheDirectory)
    {
    }

    public string App => Path.Combine(Folder, "App");

    public string Lib => Path.Combine(Folder, "Lib");

    /// <summary><c>dotnet verb</c> at the root (the solution), or with the arguments given.</summary>
    public async Task<ProcessResult> RunAsync(string verb, params string[] arguments)
    {
        Write();
        return await Dotnet.RunAsync(Folder, [verb, .. arguments, "-nodeReuse:false", "-v:n", "-p:UseSharedCompilation=false"], Environment);
    }

    /// <summary>What the last build reported for one project (App or Lib folder).</summary>
    public static BuildReport Report(string projectFolder) => BuildReport.Read(projectFolder);

    private void Write()
    {
        ConsumerFiles.WriteNuGetConfig(Folder, inheritSources: false);
        File.WriteAllText(Path.Combine(Folder, "Demo.slnx"), """
            <Solution>
              <Project Path="App/App.csproj" />
              <Project Path="Lib/Lib.csproj" />
            </Solution>
            """);
        File.WriteAllText(Path.Combine(Folder, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
                {PropertyElements()}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Fetch.Build" Version="{PackageFeed.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Folder, "Directory.Build.targets"), $"""
            <Project>
              <ItemGroup>
                {string.Join("\n    ", Items)}
              </ItemGroup>
              {ConsumerFiles.ReportTarget}
            </Project>
            """);
        Directory.CreateDirectory(Lib);
        File.WriteAllText(Path.Combine(Lib, "Lib.csproj"), """<Project Sdk="Microsoft.NET.Sdk" />""");
        File.WriteAllText(Path.Combine(Lib, "Greeting.cs"), "namespace Lib; public static class Greeting { public const string Text = \"hello\"; }");
        Directory.CreateDirectory(App);
        File.WriteAllText(Path.Combine(App, "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Lib/Lib.csproj" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(App, "Program.cs"), "System.Console.WriteLine(Lib.Greeting.Text);");
    }
}

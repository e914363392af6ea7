using System.Security;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>
/// A consumer project in its own temp folder that references the packed Fetch.Build from the
/// test feed. It records the output items of every build in fetch-report-TFM.txt.
/// </summary>
internal sealed class ConsumerProject : ConsumerFolder
{
    public ConsumerProject(string cacheDirectory)
        : base("fetch-consumer", cacheDirectory)
    {
    }

    public string TargetFrameworks { get; set; } = "net10.0";

    /// <summary>
    /// Keep the machine's own package sources besides the test feed: needed only to restore
    /// another target framework's reference pack. Off by default, so that a restore that works
    /// proves Fetch.Build brings no dependency of its own.
    /// </summary>
    public bool InheritPackageSources { get; set; }

    /// <summary>
    /// Central package management, as the README recommends for a repository: the version in
    /// Directory.Packages.props, the reference in the project without one.
    /// </summary>
    public bool CentralPackageManagement { get; set; }

    public string ProjectPath => Path.Combine(Folder, "Consumer.csproj");

    public static string Artifact(string url, params (string Name, string Value)[] metadata) =>
        $"<DownloadArtifact Include=\"{SecurityElement.Escape(url)}\" {string.Join(' ', metadata.Select(m => $"{m.Name}=\"{SecurityElement.Escape(m.Value)}\""))} />";

    public Task<BuildRun> BuildAsync(params string[] arguments) => RunAsync("build", arguments);

    public async Task<BuildRun> RunAsync(string verb, params string[] arguments)
    {
        Write();
        var result = await Dotnet.RunAsync(Folder, [verb, ProjectPath, "-nodeReuse:false", "-v:n", "-p:UseSharedCompilation=false", .. arguments], Environment);
        return new BuildRun(result, BuildReport.Read(Folder));
    }

    private void Write()
    {
        ConsumerFiles.WriteNuGetConfig(Folder, InheritPackageSources);
        if (CentralPackageManagement)
        {
            File.WriteAllText(Path.Combine(Folder, "Directory.Packages.props"), $"""
                <Project>
                  <PropertyGroup>
                    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageVersion Include="Fetch.Build" Version="{PackageFeed.Version}" />
                  </ItemGroup>
                </Project>
                """);
        }

        var version = CentralPackageManagement ? string.Empty : $" Version=\"{PackageFeed.Version}\"";
        var tfm = TargetFrameworks.Contains(';', StringComparison.Ordinal) ? "TargetFrameworks" : "TargetFramework";
        File.WriteAllText(ProjectPath, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <{tfm}>{TargetFrameworks}</{tfm}>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
                {PropertyElements()}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Fetch.Build"{version} PrivateAssets="all" />
                {string.Join("\n    ", Items)}
              </ItemGroup>
              {ConsumerFiles.ReportTarget}
            </Project>
            """);
    }
}

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>The files every consumer in these tests shares: its package source, and the target that reports what a build got.</summary>
internal static class ConsumerFiles
{
    /// <summary>
    /// Writes FetchedArtifact and FetchedArtifactFile items to fetch-report-TFM.txt beside the project,
    /// for <see cref="BuildReport.Read"/>.
    /// </summary>
    public const string ReportTarget = """
        <Target Name="_E2EReport" AfterTargets="FetchArtifacts" Condition="'$(TargetFramework)' != ''">
          <WriteLinesToFile File="$(MSBuildProjectDirectory)/fetch-report-$(TargetFramework).txt" Overwrite="true"
            Lines="@(FetchedArtifact->'A|%(Identity)|%(SourceUrl)|%(Sha256)|%(Size)|%(FromCache)|%(Extracted)');@(FetchedArtifactFile->'F|%(Identity)|%(SourceUrl)|%(RelativePath)')" />
        </Target>
        """;

    /// <summary>
    /// nuget.config with the test feed. <paramref name="inheritSources"/> keeps the machine's own
    /// sources too; without them a restore that works proves Fetch.Build brings no dependency of its own.
    /// </summary>
    public static void WriteNuGetConfig(string folder, bool inheritSources) =>
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <configuration>
              <packageSources>
                {(inheritSources ? string.Empty : "<clear />")}
                <add key="e2e" value="{PackageFeed.FeedFolder}" />
              </packageSources>
            </configuration>
            """);
}

using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>
/// SPEC §12: where the task runs, chosen by one block of Fetch.Build.targets from MSBuild's runtime
/// and version. Nothing here runs .NET Framework MSBuild, so the block's inputs are overridden
/// through its test-only properties; the CI's Windows leg builds the sample with Visual Studio's own
/// msbuild.exe (.github/workflows/ci.yml).
/// </summary>
public sealed class VisualStudioTests : ConsumerBuildFixture
{
    private static readonly byte[] Content = TestData.Bytes(5_000, seed: 91);

    [Test]
    public async Task Evaluation_RuntimeAndVersion_PickInProcessTheNetTaskHostOrNothing()
    {
        using var project = new ConsumerProject(Cache.Path) { Items = { ConsumerProject.Artifact(Server.Url("files/data.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content))) } };
        Assert.That((await project.RunAsync("restore")).Succeeded, Is.True);

        // (MSBuildRuntimeType, MSBuildVersion) → where the task runs.
        (string Runtime, string Version, string Host)[] cases =
        [
            ("Core", "17.8.3", "InProcess"),
            ("Core", "18.0.5", "InProcess"),
            ("Full", "17.14.8", "Unsupported"),
            ("Full", "18.0.5", "NetTaskHost"),
            ("Full", "18.3.0", "NetTaskHost"),
        ];
        foreach (var (runtime, version, host) in cases)
        {
            var run = await project.RunAsync("msbuild", "-getProperty:_FetchTaskHost", $"-p:_FetchTestRuntimeType={runtime}", $"-p:_FetchTestMSBuildVersion={version}");
            Assert.That(run.Output.Trim().Split('\n')[^1].Trim(), Is.EqualTo(host), $"{runtime} MSBuild {version}");
        }
    }

    [Test]
    public async Task Build_OlderFrameworkMSBuild_FailsFB1013NamingWhatWorks_WithoutARequest()
    {
        Server.Serve("files/data.bin", Content);
        using var project = new ConsumerProject(Cache.Path) { Items = { ConsumerProject.Artifact(Server.Url("files/data.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content))) } };

        var run = await project.BuildAsync("-p:_FetchTestRuntimeType=Full", "-p:_FetchTestMSBuildVersion=17.14.8");

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1013").And.Contain("17.14.8").And.Contain("Visual Studio 2026").And.Contain("dotnet build"));
        Assert.That(Server.TotalRequests, Is.Zero);
    }

    [Test]
    public async Task Build_ThroughTheNetTaskHost_FetchesAndReportsAsInProcess()
    {
        // On the SDK's own MSBuild 18, the NetTaskHost declaration (Runtime="NET", TaskHostFactory)
        // runs the task in a task host process: the UsingTask, the parameters and the items all
        // cross a process boundary, as they do from Visual Studio's MSBuild.
        Server.Serve("files/data.bin", Content);
        using var project = new ConsumerProject(Cache.Path) { Items = { ConsumerProject.Artifact(Server.Url("files/data.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content))) } };

        var run = await project.BuildAsync("-p:_FetchTestRuntimeType=Full", "-p:_FetchTestMSBuildVersion=18.0.5", "-v:d");

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(run.Output, Does.Contain("in an external task host with a runtime of \"NET\""), "the task ran in a task host");
        Assert.That(run.Report.Artifacts.Single().Sha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "obj", "fetch", "data.bin")), Is.EqualTo(Content));
    }
}

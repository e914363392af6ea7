using System.Formats.Tar;
using System.IO.Compression;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>
/// A new user's repository: App → Lib in a solution, artifacts declared once in
/// Directory.Build.targets with the usual MSBuild properties, built, published and cleaned
/// with the commands the README gives.
/// </summary>
public sealed class SharedTargetsTests : ConsumerBuildFixture
{
    private static readonly byte[] Content = TestData.Bytes(60_000, seed: 21);
    private static readonly string ContentSha = TestData.Sha256(Content);
    private static readonly byte[] Archive = TarGz(("model/model.yaml", "layers: 3\n"), ("model/weights/layers.txt", "1 2 3\n"));
    private static readonly string ArchiveSha = TestData.Sha256(Archive);

    [SetUp]
    public void ServeData()
    {
        Server.Serve("files/data.bin", Content);
        Server.Serve("files/model.tar.gz", Archive);
    }

    // README "Item metadata": DestinationFolder; "Properties": FetchCacheDirectory.
    [Test]
    public async Task Build_DestinationsFromMSBuildPathProperties_LandInRealFolders_AndCleanRemovesThem()
    {
        using var solution = Solution(
            ConsumerProject.Artifact(Url("files/data.bin"), ("Sha256", ContentSha), ("DestinationFolder", "$(BaseIntermediateOutputPath)fetch/x/")),
            ConsumerProject.Artifact(Url("files/model.tar.gz"), ("Sha256", ArchiveSha), ("Extract", "true"), ("StripComponents", "1"), ("DestinationFolder", "$(OutDir)models")));
        // A path property written the Windows way, as MSBuild's own properties are.
        solution.Properties["FetchCacheDirectory"] = Cache.Path + "\\nested\\";

        var build = await solution.RunAsync("build");

        Assert.That(build.ExitCode, Is.Zero, build.Output);
        foreach (var project in new[] { solution.App, solution.Lib })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(project, "obj", "fetch", "x", "data.bin")), Is.EqualTo(Content), project);
            Assert.That(File.ReadAllText(Path.Combine(project, "bin", "Debug", "net10.0", "models", "model", "weights", "layers.txt")), Is.EqualTo("1 2 3\n"), project);
            Assert.That(Directory.EnumerateFileSystemEntries(project, "*", SearchOption.AllDirectories).Where(p => Path.GetFileName(p).Contains('\\')), Is.Empty, "no name with a backslash in it");
        }

        Assert.That(Directory.Exists(Path.Combine(Cache.Path, "nested", "blobs")), Is.True);

        var clean = await solution.RunAsync("clean");

        Assert.That(clean.ExitCode, Is.Zero, clean.Output);
        Assert.That(File.Exists(Path.Combine(solution.App, "obj", "fetch", "x", "data.bin")), Is.False);
        Assert.That(Directory.Exists(Path.Combine(solution.App, "bin", "Debug", "net10.0", "models", "model")), Is.False);
    }

    [Test]
    public async Task Publish_AppReferencingLibWithTheSameSharedArtifacts_PublishesEachFileOnce()
    {
        var libOnly = TestData.Bytes(1_000, seed: 22);
        Server.Serve("files/lib-only.bin", libOnly);
        using var solution = Solution(
            ConsumerProject.Artifact(Url("files/data.bin"), ("Sha256", ContentSha), ("CopyToOutputDirectory", "PreserveNewest"), ("Link", "data/data.bin")),
            ConsumerProject.Artifact(Url("files/model.tar.gz"), ("Sha256", ArchiveSha), ("Extract", "true"), ("StripComponents", "1"), ("CopyToOutputDirectory", "PreserveNewest"), ("Link", "models/resnet")),
            // Declared for the library alone: it still reaches the app, as content of a referenced project does.
            ConsumerProject.Artifact(Url("files/lib-only.bin"), ("Sha256", TestData.Sha256(libOnly)), ("CopyToOutputDirectory", "PreserveNewest"), ("Condition", "'$(MSBuildProjectName)' == 'Lib'")));
        var published = Path.Combine(solution.Folder, "published");

        var build = await solution.RunAsync("build");
        var publish = await solution.RunAsync("publish", "App/App.csproj", "-o", published);

        Assert.That(build.ExitCode, Is.Zero, build.Output);
        Assert.That(publish.ExitCode, Is.Zero, publish.Output);
        Assert.That(File.ReadAllBytes(Path.Combine(published, "data", "data.bin")), Is.EqualTo(Content));
        Assert.That(File.ReadAllText(Path.Combine(published, "models", "resnet", "weights", "layers.txt")), Is.EqualTo("1 2 3\n"));
        Assert.That(File.ReadAllBytes(Path.Combine(published, "lib-only.bin")), Is.EqualTo(libOnly));
    }

    [Test]
    public async Task Build_AfterTheUrlsChange_RemovesTheOldFileAndTree_AndCleanRemovesTheNewOnes()
    {
        var v2 = TestData.Bytes(2_000, seed: 23);
        var archive2 = TarGz(("model/model.yaml", "layers: 4\n"));
        Server.Serve("files/v2/data-2.bin", v2);
        Server.Serve("files/v2/model-2.tar.gz", archive2);
        using var solution = Solution(
            ConsumerProject.Artifact(Url("files/data.bin"), ("Sha256", ContentSha)),
            ConsumerProject.Artifact(Url("files/model.tar.gz"), ("Sha256", ArchiveSha), ("Extract", "true"), ("CopyToOutputDirectory", "PreserveNewest")));
        var first = await solution.RunAsync("build");
        Assert.That(first.ExitCode, Is.Zero, first.Output);
        Assert.That(File.Exists(Path.Combine(solution.Lib, "obj", "fetch", "model", "model", "weights", "layers.txt")), Is.True);

        // A new version, on a machine whose cache was wiped meanwhile.
        Directory.Delete(Cache.Path, recursive: true);
        solution.Items.Clear();
        solution.Items.Add(ConsumerProject.Artifact(Url("files/v2/data-2.bin"), ("Sha256", TestData.Sha256(v2))));
        solution.Items.Add(ConsumerProject.Artifact(Url("files/v2/model-2.tar.gz"), ("Sha256", TestData.Sha256(archive2)), ("Extract", "true"), ("CopyToOutputDirectory", "PreserveNewest")));
        var second = await solution.RunAsync("build");

        Assert.That(second.ExitCode, Is.Zero, second.Output);
        foreach (var project in new[] { solution.App, solution.Lib })
        {
            var fetched = Path.Combine(project, "obj", "fetch");
            Assert.That(Directory.EnumerateFileSystemEntries(fetched).Select(Path.GetFileName), Is.EquivalentTo(new[] { "data-2.bin", "model-2" }), project);
            var output = Path.Combine(project, "bin", "Debug", "net10.0", "model");
            Assert.That(File.ReadAllText(Path.Combine(output, "model.yaml")), Is.EqualTo("layers: 4\n"), project);
            Assert.That(File.Exists(Path.Combine(output, "weights", "layers.txt")), Is.False, "bin/ keeps nothing of the old tree");
        }

        var clean = await solution.RunAsync("clean");

        Assert.That(clean.ExitCode, Is.Zero, clean.Output);
        Assert.That(Directory.EnumerateFiles(Path.Combine(solution.App, "obj", "fetch"), "*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public async Task Build_LongDownload_ConsoleLoggerShowsProgressLive_TerminalLoggerAtItsDetailedVerbosityToo()
    {
        // Past the first report at 3 s: ten pieces, 0.4 s apart.
        var other = TestData.Bytes(Content.Length, seed: 24);
        Server.Handle("files/slow-1.bin", (context, _) => SlowContent.WriteAsync(context, Content, chunk: 6_000, pauseMilliseconds: 400));
        Server.Handle("files/slow-2.bin", (context, _) => SlowContent.WriteAsync(context, other, chunk: 6_000, pauseMilliseconds: 400));

        using var solution = Solution(ConsumerProject.Artifact(Url("files/slow-1.bin"), ("Sha256", ContentSha)));
        var console = await solution.RunAsync("build", "Lib/Lib.csproj", "-tl:off");
        solution.Items[0] = ConsumerProject.Artifact(Url("files/slow-2.bin"), ("Sha256", TestData.Sha256(other)));
        var terminal = await solution.RunAsync("build", "Lib/Lib.csproj", "-tl:on", "-tlp:v=d");

        Assert.That(console.ExitCode, Is.Zero, console.Output);
        Assert.That(console.Output, Does.Match(@"slow-1\.bin: [0-9.]+ KiB of 58\.6 KiB \([0-9]+%\), [0-9.]+ KiB/s"));
        Assert.That(console.Output, Does.Contain("Fetch.Build: 1 artifact(s), 0 from cache, 60000 bytes downloaded"));
        Assert.That(terminal.ExitCode, Is.Zero, terminal.Output);
        Assert.That(terminal.Output, Does.Match(@"slow-2\.bin: [0-9.]+ KiB of 58\.6 KiB"));
        Assert.That(terminal.Output, Does.Contain("Fetch.Build: 1 artifact(s), 0 from cache, 60000 bytes downloaded"));
    }

    [Test]
    public async Task Build_HostThatNeverAnswers_PrintsNoProgressForATransferThatDidNotStart()
    {
        var stalled = new TaskCompletionSource();
        Server.Handle("files/stalled.bin", async (context, _) => await Task.WhenAny(stalled.Task, Task.Delay(Timeout.Infinite, context.RequestAborted)));
        using var solution = Solution(ConsumerProject.Artifact(Url("files/stalled.bin"), ("Sha256", ContentSha)));
        solution.Properties["FetchRetryCount"] = "0";
        // Past the first progress report (at 3 s), short of a long test.
        solution.Properties["FetchTimeoutSeconds"] = "5";

        var build = await solution.RunAsync("build", "Lib/Lib.csproj");
        stalled.SetResult();

        Assert.That(build.ExitCode, Is.Not.Zero);
        Assert.That(build.Output, Does.Contain("error FB1002"));
        Assert.That(build.Output, Does.Not.Contain(" 0 B"));
    }

    [Test]
    public async Task Build_PercentEncodedAndPropertyFunctionUrls_AreRequestedAsWritten_AndPathsGetAHelpfulFB1006()
    {
        Server.Serve("files/café data.bin", Content);
        var written = Url("files/") + "caf%C3%A9%20data.bin";
        using var solution = Solution(
            ConsumerProject.Artifact(written, ("Sha256", ContentSha)),
            // A file URL built by a property function, from a folder with a space: MSBuild escapes its '%20'.
            ConsumerProject.Artifact("$([System.Uri]::new('$(MSBuildThisFileDirectory)local data/local.bin').AbsoluteUri)", ("Sha256", ContentSha), ("DestinationFolder", "obj/local")));
        Directory.CreateDirectory(Path.Combine(solution.Folder, "local data"));
        File.WriteAllBytes(Path.Combine(solution.Folder, "local data", "local.bin"), Content);

        var build = await solution.RunAsync("build");

        Assert.That(build.ExitCode, Is.Zero, build.Output);
        Assert.That(Server.RequestCount("files/café data.bin"), Is.EqualTo(1), "one request, for the name as written; the other project is served from the cache");
        Assert.That(File.ReadAllBytes(Path.Combine(solution.App, "obj", "fetch", "café data.bin")), Is.EqualTo(Content));
        Assert.That(File.ReadAllBytes(Path.Combine(solution.Lib, "obj", "local", "local.bin")), Is.EqualTo(Content));
        Assert.That(ConsumerSolution.Report(solution.Lib).Artifacts.Select(a => a.SourceUrl), Does.Contain(written));

        solution.Items.Clear();
        solution.Items.Add(ConsumerProject.Artifact("file://data/x.bin", ("Sha256", ContentSha)));
        solution.Items.Add(ConsumerProject.Artifact("/srv/data/y.bin", ("Sha256", ContentSha)));
        var wrong = await solution.RunAsync("build", "Lib/Lib.csproj");

        Assert.That(wrong.ExitCode, Is.Not.Zero);
        Assert.That(wrong.Output, Does.Contain("error FB1006: file://data/x.bin: the URL 'file://data/x.bin' names the host 'data'")
            .And.Contain("file://$(MSBuildProjectDirectory)/data/x.bin"));
        Assert.That(wrong.Output, Does.Contain("error FB1006: /srv/data/y.bin: the URL '/srv/data/y.bin' is not a URL").And.Not.Contain("file:///srv"));
    }

    [Test]
    public async Task Build_MisspelledMetadata_WarnsFB1019WithTheNameItProbablyMeant()
    {
        using var solution = Solution(ConsumerProject.Artifact(Url("files/model.tar.gz"), ("Sha265", ArchiveSha), ("Extrat", "true")));

        var build = await solution.RunAsync("build", "Lib/Lib.csproj");

        Assert.That(build.ExitCode, Is.Zero, build.Output);
        Assert.That(build.Output, Does.Contain("warning FB1019").And.Contain("metadata 'Sha265' is not one Fetch.Build knows").And.Contain("Did you mean 'Sha256'?"));
        Assert.That(build.Output, Does.Contain("metadata 'Extrat'").And.Contain("Did you mean 'Extract'?"));
    }

    private ConsumerSolution Solution(params string[] items)
    {
        var solution = new ConsumerSolution(Cache.Path);
        solution.Items.AddRange(items);
        return solution;
    }

    private string Url(string path) => Server.Url(path).AbsoluteUri;

    private static byte[] TarGz(params (string Name, string Text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, text) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)) });
            }
        }

        return buffer.ToArray();
    }
}

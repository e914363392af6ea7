using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>Real `dotnet build` of consumer projects against the packed package and a loopback server.</summary>
public sealed class FetchArtifactsTests : ConsumerBuildFixture
{
    private static readonly byte[] Content = TestData.Bytes(100_000, seed: 7);
    private static readonly string ContentSha = TestData.Sha256(Content);

    [SetUp]
    public void ServeData() => Server.Serve("files/data.bin", Content);

    // README "Item metadata": (Include), Sha256, DestinationFolder (its default).
    [Test]
    public async Task Build_DeclaredArtifact_IsFetchedVerifiedAndReported()
    {
        using var project = Consumer(ConsumerProject.Artifact(Url, ("Sha256", ContentSha.ToUpperInvariant())));

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        var placed = Path.Combine(project.Folder, "obj", "fetch", "data.bin");
        Assert.That(File.ReadAllBytes(placed), Is.EqualTo(Content));
        var artifact = run.Report.Artifacts.Single();
        Assert.That(artifact, Is.EqualTo(new ReportedArtifact(placed, Url, ContentSha, Content.Length, FromCache: false, Extracted: false)));
        Assert.That(run.Report.Files.Single(), Is.EqualTo(new ReportedFile(placed, Url, "data.bin")));
        Assert.That(run.Output, Does.Contain("Fetch.Build: 1 artifact(s), 0 from cache, 100000 bytes downloaded"));
        Assert.That(Server.RequestCount("files/data.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task Build_SecondProjectSameArtifact_IsServedFromCacheWithoutRequest()
    {
        using var first = Consumer(ConsumerProject.Artifact(Url, ("Sha256", ContentSha)));
        using var second = Consumer(ConsumerProject.Artifact(Url, ("Sha256", ContentSha)));

        var firstRun = await first.BuildAsync();
        var secondRun = await second.BuildAsync();

        Assert.That(firstRun.Succeeded && secondRun.Succeeded, Is.True, firstRun.Output + secondRun.Output);
        Assert.That(Server.RequestCount("files/data.bin"), Is.EqualTo(1));
        Assert.That(secondRun.Report.Artifacts.Single().FromCache, Is.True);
        Assert.That(File.ReadAllBytes(Path.Combine(second.Folder, "obj", "fetch", "data.bin")), Is.EqualTo(Content));
    }

    [Test]
    public async Task Build_NoOpRebuild_MakesNoRequestAndReadsNoCachedContent()
    {
        using var project = Consumer(ConsumerProject.Artifact(Url, ("Sha256", ContentSha)));
        Assert.That((await project.BuildAsync()).Succeeded, Is.True);
        var placed = Path.Combine(project.Folder, "obj", "fetch", "data.bin");
        var stampBefore = File.GetLastWriteTimeUtc(placed);
        // Spoil the cached copy (same size): a rebuild that read or re-verified it would say FB1009.
        var blob = Directory.GetFiles(Path.Combine(Cache.Path, "blobs"), ContentSha, SearchOption.AllDirectories).Single();
        File.SetAttributes(blob, FileAttributes.Normal);
        File.WriteAllBytes(blob, new byte[Content.Length]);

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(run.Output, Does.Not.Contain("FB1009"));
        Assert.That(Server.RequestCount("files/data.bin"), Is.EqualTo(1));
        Assert.That(run.Report.Artifacts.Single().FromCache, Is.True);
        Assert.That(File.GetLastWriteTimeUtc(placed), Is.EqualTo(stampBefore));
    }

    [Test]
    public async Task Build_WrongDigest_FailsWithFB1001AndPlacesNothing()
    {
        var wrong = new string('0', 64);
        using var project = Consumer(ConsumerProject.Artifact(Url, ("Sha256", wrong)));

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1001").And.Contain(wrong).And.Contain(ContentSha));
        Assert.That(File.Exists(Path.Combine(project.Folder, "obj", "fetch", "data.bin")), Is.False);
        Assert.That(Directory.GetFiles(Path.Combine(Cache.Path, "blobs"), "*", SearchOption.AllDirectories), Is.Empty);
    }

    // README "Properties": FetchOffline.
    [Test]
    public async Task Build_OfflineCold_FailsWithFB1003WithoutRequest_AndOfflineWarm_Succeeds()
    {
        using var cold = Consumer(ConsumerProject.Artifact(Url, ("Sha256", ContentSha)));
        cold.Properties["FetchOffline"] = "true";
        var coldRun = await cold.BuildAsync();
        Assert.That(coldRun.Succeeded, Is.False);
        Assert.That(coldRun.Output, Does.Contain("error FB1003"));
        Assert.That(Server.TotalRequests, Is.Zero);

        using var online = Consumer(ConsumerProject.Artifact(Url, ("Sha256", ContentSha)));
        Assert.That((await online.BuildAsync()).Succeeded, Is.True);
        using var warm = Consumer(ConsumerProject.Artifact(Url, ("Sha256", ContentSha)));
        warm.Properties["FetchOffline"] = "true";
        var warmRun = await warm.BuildAsync();

        Assert.That(warmRun.Succeeded, Is.True, warmRun.Output);
        Assert.That(warmRun.Report.Artifacts.Single().FromCache, Is.True);
        Assert.That(Server.RequestCount("files/data.bin"), Is.EqualTo(1));
    }

    // README "Properties": FetchOffline through FETCH_BUILD_OFFLINE.
    [Test]
    public async Task Build_OfflineByVariableCold_FailsWithFB1003()
    {
        using var project = Consumer(ConsumerProject.Artifact(Url, ("Sha256", ContentSha)));
        await project.RunAsync("restore");

        var run = await Dotnet.RunAsync(project.Folder, ["build", project.ProjectPath, "-nodeReuse:false", "-p:UseSharedCompilation=false"], new Dictionary<string, string?> { ["FETCH_BUILD_OFFLINE"] = "true" });

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Output, Does.Contain("error FB1003"));
        Assert.That(Server.TotalRequests, Is.Zero);
    }

    // README "Item metadata": CopyToOutputDirectory, Link; "Properties": FetchLinkMode.
    [TestCase("Copy")]
    [TestCase("HardLink")]
    public async Task Build_CopyToOutputDirectoryWithLink_ReachesBinAndPublish(string linkMode)
    {
        using var project = Consumer(ConsumerProject.Artifact(Url, ("Sha256", ContentSha), ("CopyToOutputDirectory", "PreserveNewest"), ("Link", "models/weights.bin")));
        // HardLink mode hands PreserveNewest files to MSBuild as IfDifferent: publish must take those too.
        project.Properties["FetchLinkMode"] = linkMode;

        var build = await project.BuildAsync();
        var publish = await project.RunAsync("publish", "-o", Path.Combine(project.Folder, "published"));

        Assert.That(build.Succeeded && publish.Succeeded, Is.True, build.Output + publish.Output);
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "bin", "Debug", "net10.0", "models", "weights.bin")), Is.EqualTo(Content));
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "published", "models", "weights.bin")), Is.EqualTo(Content));
    }

    [TestCase("Copy")]
    [TestCase("HardLink")]
    // Core trims the value and ignores case; the targets' IfDifferent mapping must read it the same way.
    [TestCase(" hardlink ")]
    public async Task Build_VersionSwitchedBackToOneCachedEarlier_ReachesBinWithPreserveNewest(string linkMode)
    {
        var older = TestData.Bytes(50_000, seed: 8);
        Server.Serve("files/v1/data.bin", older);
        Server.Serve("files/v2/data.bin", Content);
        using var project = Consumer();
        project.Properties["FetchLinkMode"] = linkMode;
        string Version(string path, byte[] bytes) =>
            ConsumerProject.Artifact(Server.Url(path).AbsoluteUri, ("Sha256", TestData.Sha256(bytes)), ("CopyToOutputDirectory", "PreserveNewest"));

        foreach (var (path, bytes) in new[] { ("files/v1/data.bin", older), ("files/v2/data.bin", Content), ("files/v1/data.bin", older) })
        {
            project.Items.Clear();
            project.Items.Add(Version(path, bytes));
            var run = await project.BuildAsync();
            Assert.That(run.Succeeded, Is.True, run.Output);
        }

        // v1's blob is older than bin/'s copy of v2: a placed copy must not carry the blob's time,
        // and a linked file (which must) is copied on to bin/ when it differs, not when newer.
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "bin", "Debug", "net10.0", "data.bin")), Is.EqualTo(older));
        Assert.That(Server.RequestCount("files/v1/data.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task Build_DesignTime_NeverDownloads_ButReportsWhatIsPresent()
    {
        using var project = Consumer(ConsumerProject.Artifact(Url, ("Sha256", ContentSha)));

        var before = await project.BuildAsync("-p:DesignTimeBuild=true");
        Assert.That(before.Succeeded, Is.True, before.Output);
        Assert.That(before.Report.Artifacts, Is.Empty);
        Assert.That(Server.TotalRequests, Is.Zero);

        Assert.That((await project.BuildAsync()).Succeeded, Is.True);
        var after = await project.BuildAsync("-p:DesignTimeBuild=true");

        Assert.That(after.Report.Artifacts.Single().Sha256, Is.EqualTo(ContentSha));
        Assert.That(Server.TotalRequests, Is.EqualTo(1));
    }

    [Test]
    public async Task Clean_RemovesPlacedFiles_AndKeepsTheCache()
    {
        using var project = Consumer(ConsumerProject.Artifact(Url, ("Sha256", ContentSha), ("CopyToOutputDirectory", "PreserveNewest")));
        Assert.That((await project.BuildAsync()).Succeeded, Is.True);
        var placed = Path.Combine(project.Folder, "obj", "fetch", "data.bin");
        var copied = Path.Combine(project.Folder, "bin", "Debug", "net10.0", "data.bin");
        Assert.That(File.Exists(placed) && File.Exists(copied), Is.True);

        var clean = await project.RunAsync("clean");

        Assert.That(clean.Succeeded, Is.True, clean.Output);
        Assert.That(File.Exists(placed), Is.False);
        Assert.That(File.Exists(copied), Is.False);
        Assert.That(Directory.GetFiles(Path.Combine(Cache.Path, "blobs"), ContentSha, SearchOption.AllDirectories), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Build_InvalidMetadata_FailsWithFB1006BeforeAnyRequest()
    {
        using var project = Consumer(
            ConsumerProject.Artifact(Url, ("Sha256", ContentSha)),
            ConsumerProject.Artifact("ftp://example.invalid/x.bin", ("Sha256", ContentSha)),
            ConsumerProject.Artifact(Url + "?again", ("Sha256", "xyz")));

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1006").And.Contain("ftp://example.invalid/x.bin").And.Contain("64 hexadecimal"));
        Assert.That(Server.TotalRequests, Is.Zero);
    }

    // README "Properties": FetchRequireHash.
    [Test]
    public async Task Build_NoDigest_WarnsFB1005WithPasteableSha256_AndRequireHashMakesItAnError()
    {
        using var project = Consumer(ConsumerProject.Artifact(Url));
        var warned = await project.BuildAsync();
        Assert.That(warned.Succeeded, Is.True, warned.Output);
        Assert.That(warned.Output, Does.Contain("warning FB1005").And.Contain($"Sha256=\"{ContentSha}\""));

        project.Properties["FetchRequireHash"] = "true";
        var failed = await project.BuildAsync();

        Assert.That(failed.Succeeded, Is.False);
        Assert.That(failed.Output, Does.Contain("error FB1005").And.Contain(ContentSha));
        Assert.That(Server.RequestCount("files/data.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task FetchArtifactsTarget_RunsAlone()
    {
        using var project = Consumer(ConsumerProject.Artifact(Url, ("Sha256", ContentSha)));
        await project.RunAsync("restore");

        var run = await project.RunAsync("msbuild", "-t:FetchArtifacts", "-p:TargetFramework=net10.0");

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(run.Report.Artifacts.Single().Sha256, Is.EqualTo(ContentSha));
        Assert.That(File.Exists(Path.Combine(project.Folder, "obj", "fetch", "data.bin")), Is.True);
    }

    [Test]
    public async Task Build_MultiTargeted_FetchesEachArtifactOnce()
    {
        using var project = Consumer(ConsumerProject.Artifact(Url, ("Sha256", ContentSha)), ConsumerProject.Artifact(Server.Url("files/other.bin").AbsoluteUri));
        Server.Serve("files/other.bin", Content.Reverse().ToArray());
        project.TargetFrameworks = "net8.0;net10.0";
        project.InheritPackageSources = true;

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(Server.RequestCount("files/data.bin"), Is.EqualTo(1));
        Assert.That(Server.RequestCount("files/other.bin"), Is.EqualTo(1));
        Assert.That(BuildReport.Read(project.Folder, "net8.0").Artifacts, Has.Count.EqualTo(2));
        Assert.That(run.Report.Artifacts, Has.Count.EqualTo(2));
    }

    private string Url => Server.Url("files/data.bin").AbsoluteUri;

    private ConsumerProject Consumer(params string[] items)
    {
        var project = new ConsumerProject(Cache.Path);
        project.Items.AddRange(items);
        return project;
    }
}

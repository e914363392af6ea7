using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>The lock file and locked mode (SPEC §7) in real builds of consumer projects.</summary>
public sealed class LockFileTests : ConsumerBuildFixture
{
    private static readonly byte[] Data = TestData.Bytes(40_000, seed: 17);
    private static readonly byte[] Model = TestData.Bytes(60_000, seed: 18);
    private static readonly byte[] Changed = TestData.Bytes(40_000, seed: 19);

    [SetUp]
    public void ServeFiles()
    {
        Server.Serve("files/data.bin", Data);
        Server.Serve("files/model.bin", Model);
    }

    private string DataUrl => Server.Url("files/data.bin").AbsoluteUri;

    private string ModelUrl => Server.Url("files/model.bin").AbsoluteUri;

    // README "Properties": FetchUseLockFile.
    [Test]
    public async Task Build_FirstBuildRecordsTheDigest_AndAFreshCloneAfterTheServerChangedFailsFB1001NamingTheLockFile()
    {
        using var project = Consumer(ConsumerProject.Artifact(DataUrl));

        var first = await project.BuildAsync();

        Assert.That(first.Succeeded, Is.True, first.Output);
        Assert.That(first.Output, Does.Not.Contain("FB1005").And.Contain($"no digest on the item and none in the lock file, so SHA-256 {TestData.Sha256(Data)}"));
        Assert.That(File.ReadAllText(LockFile(project)), Does.Contain($"\"{DataUrl}\": {{ \"sha256\": \"{TestData.Sha256(Data)}\", \"size\": {Data.Length} }}"));

        Server.Serve("files/data.bin", Changed);
        using var cache = new TempDirectory("fetch-e2e-cache");
        using var clone = Clone(project, cache.Path);

        var second = await clone.BuildAsync();

        Assert.That(second.Succeeded, Is.False);
        Assert.That(second.Output, Does.Contain("error FB1001").And.Contain($"recorded in the lock file '{LockFile(clone)}'")
            .And.Contain(TestData.Sha256(Changed)));
        Assert.That(File.Exists(Path.Combine(clone.Folder, "obj", "fetch", "data.bin")), Is.False);
    }

    // README "Properties": FetchLockedMode, through FETCH_BUILD_LOCKED_MODE.
    [Test]
    public async Task Build_LockedModeWithANewItem_FailsFB1014WithoutARequestAndLeavesTheLockFile()
    {
        using var project = Consumer(ConsumerProject.Artifact(DataUrl));
        Assert.That((await project.BuildAsync()).Succeeded, Is.True);
        var recorded = File.ReadAllBytes(LockFile(project));
        var requests = Server.TotalRequests;
        project.Items.Add(ConsumerProject.Artifact(ModelUrl));
        project.Environment["FETCH_BUILD_LOCKED_MODE"] = "1";

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1014").And.Contain($"{ModelUrl} is not in it"));
        Assert.That(Server.TotalRequests, Is.EqualTo(requests));
        Assert.That(File.ReadAllBytes(LockFile(project)), Is.EqualTo(recorded));
    }

    [Test]
    public async Task Build_MultiTargeted_WritesOneCorrectLockFile()
    {
        using var project = Consumer(ConsumerProject.Artifact(DataUrl), ConsumerProject.Artifact(ModelUrl, ("Sha256", TestData.Sha256(Model))));
        project.TargetFrameworks = "net8.0;net10.0";
        project.InheritPackageSources = true;

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        var entries = new[] { (DataUrl, Data), (ModelUrl, Model) }.OrderBy(e => e.Item1, StringComparer.Ordinal)
            .Select(e => $"    \"{e.Item1}\": {{ \"sha256\": \"{TestData.Sha256(e.Item2)}\", \"size\": {e.Item2.Length} }}");
        Assert.That(File.ReadAllText(LockFile(project)), Is.EqualTo("{\n  \"version\": 1,\n  \"artifacts\": {\n" + string.Join(",\n", entries) + "\n  }\n}\n"));
        Assert.That(CountOf(run.Output, "was recorded in"), Is.EqualTo(1), run.Output);
        Assert.That(Directory.GetFiles(project.Folder, "*fetch-tmp"), Is.Empty);
        Assert.That(Server.RequestCount("files/data.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task Build_ItemRemoved_ItsEntryIsRemoved()
    {
        using var project = Consumer(ConsumerProject.Artifact(DataUrl), ConsumerProject.Artifact(ModelUrl));
        Assert.That((await project.BuildAsync()).Succeeded, Is.True);
        Assert.That(File.ReadAllText(LockFile(project)), Does.Contain(ModelUrl));
        project.Items.RemoveAt(1);

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(File.ReadAllText(LockFile(project)), Does.Contain(DataUrl).And.Not.Contain(ModelUrl));
    }

    [Test]
    public async Task Build_MalformedLockFile_FailsFB1015NamingTheFileAndLine()
    {
        using var project = Consumer(ConsumerProject.Artifact(DataUrl));
        File.WriteAllText(LockFile(project), "{\n  \"version\": 1,\n  \"artifacts\": {\n<<<<<<< HEAD\n  }\n}\n");

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1015").And.Contain($"the lock file '{LockFile(project)}', line 4"));
        Assert.That(Server.TotalRequests, Is.Zero);
    }

    [Test]
    public async Task Build_NoOpAndVerifyingBuilds_LeaveTheCommittedLockFileAsItWas()
    {
        using var project = Consumer(ConsumerProject.Artifact(DataUrl), ConsumerProject.Artifact(ModelUrl, ("Sha256", TestData.Sha256(Model))));
        Assert.That((await project.BuildAsync()).Succeeded, Is.True);
        await GitAsync(project.Folder, "init", "-q");
        await GitAsync(project.Folder, "add", "fetch.lock.json");
        await GitAsync(project.Folder, "-c", "user.name=e2e", "-c", "user.email=e2e@example.org", "commit", "-q", "-m", "lock");
        var stamp = File.GetLastWriteTimeUtc(LockFile(project));

        var noOp = await project.BuildAsync();
        // And a build that must read and verify it: no obj/, as after a clean checkout.
        Directory.Delete(Path.Combine(project.Folder, "obj"), recursive: true);
        var verifying = await project.BuildAsync();

        Assert.That(noOp.Succeeded && verifying.Succeeded, Is.True, noOp.Output + verifying.Output);
        Assert.That((await GitAsync(project.Folder, "status", "--porcelain", "--", "fetch.lock.json")).Output.Trim(), Is.Empty);
        Assert.That(File.GetLastWriteTimeUtc(LockFile(project)), Is.EqualTo(stamp));
    }

    [Test]
    public async Task Build_FreshCloneWithTheCommittedLockFileAndARestoredCache_BuildsOfflineInLockedMode()
    {
        using var project = Consumer(ConsumerProject.Artifact(DataUrl), ConsumerProject.Artifact(ModelUrl));
        Assert.That((await project.BuildAsync()).Succeeded, Is.True);
        // What a CI cache step does: the folder archived, restored elsewhere.
        using var restored = new TempDirectory("fetch-e2e-restored");
        CopyFolder(Cache.Path, restored.Path);
        // Bytes a network fetch would get now, and must not.
        Server.Serve("files/data.bin", Changed);
        using var clone = Clone(project, restored.Path);
        clone.Environment["FETCH_BUILD_OFFLINE"] = "1";
        clone.Environment["FETCH_BUILD_LOCKED_MODE"] = "1";

        var run = await clone.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(Server.RequestCount("files/data.bin") + Server.RequestCount("files/model.bin"), Is.EqualTo(2));
        Assert.That(File.ReadAllBytes(Path.Combine(clone.Folder, "obj", "fetch", "data.bin")), Is.EqualTo(Data));
        Assert.That(run.Report.Artifacts.All(a => a.FromCache), Is.True);
    }

    private static string LockFile(ConsumerProject project) => Path.Combine(project.Folder, "fetch.lock.json");

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static async Task<ProcessResult> GitAsync(string folder, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("git", arguments, folder, new Dictionary<string, string?>(), TimeSpan.FromMinutes(1));
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        return result;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private ConsumerProject Consumer(params string[] items)
    {
        var project = new ConsumerProject(Cache.Path);
        project.Properties["FetchUseLockFile"] = "true";
        project.Items.AddRange(items);
        return project;
    }

    /// <summary>Another checkout of the project: the same items and properties, the committed lock file, no obj/.</summary>
    private static ConsumerProject Clone(ConsumerProject project, string cacheDirectory)
    {
        var clone = new ConsumerProject(cacheDirectory) { TargetFrameworks = project.TargetFrameworks };
        clone.Items.AddRange(project.Items);
        foreach (var (name, value) in project.Properties)
        {
            clone.Properties[name] = value;
        }

        File.Copy(LockFile(project), LockFile(clone));
        return clone;
    }
}

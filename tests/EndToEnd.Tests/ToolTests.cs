using System.Text.Json;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>The packed <c>dotnet fetch</c> tool, run as a process against the loopback server and real builds (SPEC §8).</summary>
public sealed class ToolTests : ConsumerBuildFixture
{
    private static readonly byte[] First = TestData.Bytes(100_000, seed: 11);
    private static readonly byte[] Second = TestData.Bytes(120_000, seed: 12);

    [SetUp]
    public void ServeData()
    {
        Server.Serve("files/first.bin", First);
        Server.Serve("files/second.bin", Second);
    }

    [Test]
    public async Task Hash_LinePastedIntoAProject_BuildsWithNoFurtherRequest()
    {
        using var project = new ConsumerProject(Cache.Path);

        var hash = await FetchTool.RunAsync(project.Folder, "hash", Url("first.bin") + "?v=1", "--cache-dir", Cache.Path);

        Assert.That(hash.ExitCode, Is.Zero, hash.Output);
        Assert.That(hash.StandardOutput, Is.EqualTo($"<DownloadArtifact Include=\"{Url("first.bin")}%3Fv=1\" Sha256=\"{TestData.Sha256(First)}\" />{Environment.NewLine}"));
        Assert.That(hash.StandardError, Does.Not.Contain("FB1005"));
        project.Items.Add(hash.StandardOutput.Trim());
        var build = await project.BuildAsync();
        Assert.That(build.Succeeded, Is.True, build.Output);
        Assert.That(build.Report.Artifacts.Single().FromCache, Is.True);
        Assert.That(Server.RequestCount("files/first.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task Add_Twice_AddsOnceAndKeepsComments()
    {
        using var folder = new TempDirectory("fetch-add");
        var targets = Path.Combine(folder.Path, "Directory.Build.targets");
        const string original = "<Project>\n  <!-- downloads for every project -->\n  <PropertyGroup>\n    <X>1</X>\n  </PropertyGroup>\n</Project>\n";
        File.WriteAllText(targets, original);

        var first = await FetchTool.RunAsync(folder.Path, "add", Url("second.bin"), "--project", targets, "--copy-to-output", "--cache-dir", Cache.Path);
        var afterFirst = File.ReadAllText(targets);
        var second = await FetchTool.RunAsync(folder.Path, "add", Url("second.bin"), "--project", targets, "--cache-dir", Cache.Path);

        Assert.That((first.ExitCode, second.ExitCode), Is.EqualTo((0, 0)), first.Output + second.Output);
        Assert.That(afterFirst, Is.EqualTo(original.Replace("</Project>", "\n  <ItemGroup>\n" +
            $"    <DownloadArtifact Include=\"{Url("second.bin")}\" Sha256=\"{TestData.Sha256(Second)}\" CopyToOutputDirectory=\"PreserveNewest\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal)));
        Assert.That(File.ReadAllText(targets), Is.EqualTo(afterFirst));
        Assert.That(second.StandardError, Does.Contain("nothing changed"));
        Assert.That(Server.RequestCount("files/second.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task CacheListJson_AfterBuilds_ListsEachContentReady()
    {
        using var project = Consumer(Declared("first.bin", First), Declared("second.bin", Second));
        Assert.That((await project.BuildAsync()).Succeeded, Is.True);

        var list = await FetchTool.RunAsync(project.Folder, "cache", "list", "--json", "--cache-dir", Cache.Path);

        Assert.That(list.ExitCode, Is.Zero, list.Output);
        using var json = JsonDocument.Parse(list.StandardOutput);
        var rows = json.RootElement.EnumerateArray().Select(r => (
            r.GetProperty("url").GetString(), r.GetProperty("sha256").GetString(), r.GetProperty("size").GetInt64(), r.GetProperty("status").GetString(),
            DateTimeOffset.Parse(r.GetProperty("lastUsed").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-10))).ToList();
        Assert.That(rows, Is.EquivalentTo(new[]
        {
            (Url("first.bin"), TestData.Sha256(First), (long)First.Length, "ready", true),
            (Url("second.bin"), TestData.Sha256(Second), (long)Second.Length, "ready", true),
        }));
        Assert.That(json.RootElement.EnumerateArray().First().EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "url", "sha256", "size", "lastUsed", "status" }));
    }

    [Test]
    public async Task CacheVerify_BlobCorruptedOnDisk_ExitsOneAndTheNextBuildFetchesAgain()
    {
        using var project = Consumer(Declared("first.bin", First));
        Assert.That((await project.BuildAsync()).Succeeded, Is.True);
        var blob = Directory.GetFiles(Path.Combine(Cache.Path, "blobs"), TestData.Sha256(First), SearchOption.AllDirectories).Single();
        File.SetAttributes(blob, FileAttributes.Normal);
        File.WriteAllBytes(blob, new byte[First.Length]);

        var verify = await FetchTool.RunAsync(project.Folder, "cache", "verify", "--cache-dir", Cache.Path);
        using var next = Consumer(Declared("first.bin", First));
        var build = await next.BuildAsync();

        Assert.That(verify.ExitCode, Is.EqualTo(1), verify.Output);
        Assert.That(verify.StandardOutput, Does.Contain(TestData.Sha256(First)[..12]).And.Contain(Url("first.bin")));
        Assert.That(build.Succeeded, Is.True, build.Output);
        Assert.That(build.Output, Does.Not.Contain("FB1009"));
        Assert.That(Server.RequestCount("files/first.bin"), Is.EqualTo(2));
        Assert.That(File.ReadAllBytes(Path.Combine(next.Folder, "obj", "fetch", "first.bin")), Is.EqualTo(First));
    }

    [Test]
    public async Task CachePruneMaxSize_RemovesTheLeastRecentlyUsedFirst()
    {
        using var a = Consumer(Declared("first.bin", First));
        using var b = Consumer(Declared("second.bin", Second));
        using var again = Consumer(Declared("first.bin", First));
        foreach (var project in new[] { a, b, again })
        {
            // first, then second, then first once more from the cache: second is now the least recently used.
            Assert.That((await project.BuildAsync()).Succeeded, Is.True);
        }

        var prune = await FetchTool.RunAsync(a.Folder, "cache", "prune", "--max-size", $"{First.Length + 10}B", "--cache-dir", Cache.Path);

        Assert.That(prune.ExitCode, Is.Zero, prune.Output);
        Assert.That(prune.StandardOutput, Does.Contain(Url("second.bin")).And.Not.Contain(Url("first.bin")).And.Contain("Removed 1 item(s)"));
        Assert.That(Directory.GetFiles(Path.Combine(Cache.Path, "blobs"), "*", SearchOption.AllDirectories).Select(Path.GetFileName), Is.EqualTo(new[] { TestData.Sha256(First) }));
        Assert.That(File.ReadAllBytes(Path.Combine(b.Folder, "obj", "fetch", "second.bin")), Is.EqualTo(Second), "a placed file is never touched");
    }

    // README "Properties": FetchCacheMaxSize.
    [Test]
    public async Task Build_WithCacheMaxSize_TrimsTheLeastRecentlyUsedAfterAddingContent()
    {
        using var a = Consumer(Declared("first.bin", First));
        Assert.That((await a.BuildAsync()).Succeeded, Is.True);
        using var b = Consumer(Declared("second.bin", Second));
        b.Properties["FetchCacheMaxSize"] = "150KB";

        var build = await b.BuildAsync();

        Assert.That(build.Succeeded, Is.True, build.Output);
        Assert.That(build.Output, Does.Contain("more than FetchCacheMaxSize").And.Contain("removed 1 least recently used item(s)"));
        Assert.That(Directory.GetFiles(Path.Combine(Cache.Path, "blobs"), "*", SearchOption.AllDirectories).Select(Path.GetFileName), Is.EqualTo(new[] { TestData.Sha256(Second) }));
    }

    [Test]
    public async Task CacheClean_WithoutYesAndNoTerminal_RefusesAndRemovesNothing()
    {
        using var project = Consumer(Declared("first.bin", First));
        Assert.That((await project.BuildAsync()).Succeeded, Is.True);

        var clean = await FetchTool.RunAsync(project.Folder, "cache", "clean", "--cache-dir", Cache.Path);
        var blobs = Directory.GetFiles(Path.Combine(Cache.Path, "blobs"), "*", SearchOption.AllDirectories);
        var cleanYes = await FetchTool.RunAsync(project.Folder, "cache", "clean", "--yes", "--cache-dir", Cache.Path);

        Assert.That(clean.ExitCode, Is.EqualTo(2));
        Assert.That(clean.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1).And.One.Contains("--yes"));
        Assert.That(blobs, Has.Length.EqualTo(1));
        Assert.That(cleanYes.ExitCode, Is.Zero, cleanYes.Output);
        Assert.That(Directory.GetFiles(Path.Combine(Cache.Path, "blobs"), "*", SearchOption.AllDirectories), Is.Empty);
    }

    [TestCase("frobnicate")]
    [TestCase("cache", "prune", "--max-size", "12XB")]
    [TestCase("hash", "ftp://example.org/x.bin")]
    [TestCase("add", "https://example.org/x.bin", "--project", "packages.config")]
    public async Task BadInput_OneLineErrorExitTwo_NothingWritten(params string[] arguments)
    {
        using var folder = new TempDirectory("fetch-bad");
        const string notMSBuild = "<packages>\n  <package id=\"x\" />\n</packages>\n";
        File.WriteAllText(Path.Combine(folder.Path, "packages.config"), notMSBuild);

        var run = await FetchTool.RunAsync(folder.Path, [.. arguments, "--cache-dir", Cache.Path]);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
        Assert.That(run.StandardOutput, Is.Empty);
        Assert.That(run.StandardError.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.StandardError);
        Assert.That(run.StandardError, Does.StartWith("dotnet fetch: "));
        Assert.That(File.ReadAllText(Path.Combine(folder.Path, "packages.config")), Is.EqualTo(notMSBuild));
        Assert.That(Server.TotalRequests, Is.Zero);
    }

    private string Url(string name) => Server.Url("files/" + name).AbsoluteUri;

    private string Declared(string name, byte[] content) => ConsumerProject.Artifact(Url(name), ("Sha256", TestData.Sha256(content)));

    private ConsumerProject Consumer(params string[] items)
    {
        var project = new ConsumerProject(Cache.Path);
        project.Items.AddRange(items);
        return project;
    }
}

using System.Security.Cryptography;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>
/// Every documented knob, set as the README shows it in a real consumer project (issue 22 part 3):
/// Core tests cover the behaviour with hand-built options; these prove the property or metadata
/// reaches it through the targets and the task. Each test names the README row it proves.
/// </summary>
public sealed class KnobsTests : ConsumerBuildFixture
{
    private static readonly byte[] Content = TestData.Bytes(8_000, seed: 101);

    // README "Properties": FetchMaxParallelDownloads.
    [Test]
    public async Task Build_FetchMaxParallelDownloads_BoundsTheRequestsTheServerSeesAtOnce()
    {
        using var project = new ConsumerProject(Cache.Path) { Properties = { ["FetchMaxParallelDownloads"] = "2" } };
        ServeFourHeldUntilThreeInFlight(project, "p", 200);

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(run.Report.Artifacts, Has.Count.EqualTo(4));
        Assert.That(Server.MaxConcurrentRequests, Is.EqualTo(2));
    }

    // README "Properties": FetchRetryCount.
    [Test]
    public async Task Build_FetchRetryCount_IsHowOftenAFailingRequestIsRetried()
    {
        Server.Handle("busy.bin", (context, _) => Faults.StatusAsync(context, 503, ("Retry-After", "0")));
        using var project = new ConsumerProject(Cache.Path)
        {
            Properties = { ["FetchRetryCount"] = "1" },
            Items = { ConsumerProject.Artifact(Server.Url("busy.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content))) },
        };

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1002"));
        Assert.That(Server.RequestCount("busy.bin"), Is.EqualTo(2));
    }

    // README "Properties": FetchTimeoutSeconds.
    [Test]
    public async Task Build_FetchTimeoutSeconds_EndsAStalledTransferAfterThatLong()
    {
        // The server sends half the file, then nothing until the client gives up. With the
        // default (60 s) this build would outlast the test's own limit.
        Server.Handle("stall.bin", (context, _) => Faults.StallAsync(context, Content, "\"v1\"", Content.Length / 2));
        using var project = new ConsumerProject(Cache.Path)
        {
            Properties = { ["FetchTimeoutSeconds"] = "2", ["FetchRetryCount"] = "0" },
            Items = { ConsumerProject.Artifact(Server.Url("stall.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content))) },
        };

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1002").And.Contain("2 s"));
        Assert.That(Server.RequestCount("stall.bin"), Is.EqualTo(1));
    }

    // README "Properties": FetchMaxRetryDelaySeconds.
    [Test]
    public async Task Build_FetchMaxRetryDelaySeconds_AServerAskingToWaitLongerFailsAtOnce()
    {
        Server.Handle("later.bin", (context, _) => Faults.StatusAsync(context, 503, ("Retry-After", "30")));
        using var project = new ConsumerProject(Cache.Path)
        {
            Properties = { ["FetchMaxRetryDelaySeconds"] = "5" },
            Items = { ConsumerProject.Artifact(Server.Url("later.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content))) },
        };

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1002").And.Contain("longer than FetchMaxRetryDelaySeconds (5 s)"));
        Assert.That(Server.RequestCount("later.bin"), Is.EqualTo(1));
    }

    // README "Properties": FetchMaxExtractedBytes (and docs/errors.md FB1010).
    [Test]
    public async Task Build_FetchMaxExtractedBytes_AnArchiveExpandingBeyondItFailsFB1010()
    {
        var archive = File.ReadAllBytes(Path.Combine(RepositoryRoot.Find(), "tests", "Core.Tests", "Fixtures", "Archives", "sample.tar.gz"));
        Server.Serve("sample.tar.gz", archive);
        using var project = new ConsumerProject(Cache.Path)
        {
            Properties = { ["FetchMaxExtractedBytes"] = "10" },
            Items = { ConsumerProject.Artifact(Server.Url("sample.tar.gz").AbsoluteUri, ("Sha256", TestData.Sha256(archive)), ("Extract", "true")) },
        };

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Output, Does.Contain("error FB1010"));
        Assert.That(Directory.Exists(Path.Combine(project.Folder, "obj", "fetch", "sample")), Is.False);
    }

    // README "Item metadata": Headers.
    [Test]
    public async Task Build_Headers_AreSentToTheIncludeUrlsHost()
    {
        Server.Handle("api/data.bin", (context, _) =>
            context.Request.Headers["X-Api-Key"] == "k-123" && context.Request.Headers["X-Client"] == "e2e"
                ? StaticContent.WriteAsync(context, Content, "\"v1\"")
                : Faults.StatusAsync(context, 403));
        using var project = new ConsumerProject(Cache.Path)
        {
            Items = { ConsumerProject.Artifact(Server.Url("api/data.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content)), ("Headers", "X-Api-Key=k-123;X-Client=e2e")) },
        };

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "obj", "fetch", "data.bin")), Is.EqualTo(Content));
    }

    // README "Item metadata": Mirrors.
    [Test]
    public async Task Build_Mirrors_AreTriedWhenTheIncludeUrlFails()
    {
        Server.Handle("gone/data.bin", (context, _) => Faults.StatusAsync(context, 404));
        Server.Serve("mirror/data.bin", Content);
        var primary = Server.Url("gone/data.bin").AbsoluteUri;
        using var project = new ConsumerProject(Cache.Path)
        {
            Items = { ConsumerProject.Artifact(primary, ("Sha256", TestData.Sha256(Content)), ("Mirrors", "http://127.0.0.1:1/unreachable.bin;" + Server.Url("mirror/data.bin").AbsoluteUri)) },
        };

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "obj", "fetch", "data.bin")), Is.EqualTo(Content));
        Assert.That(run.Report.Artifacts.Single().SourceUrl, Is.EqualTo(primary));
        Assert.That(Server.RequestCount("mirror/data.bin"), Is.EqualTo(1));
    }

    // README "Item metadata": Integrity (sha384-).
    [Test]
    public async Task Build_IntegritySha384_IsVerified()
    {
        Server.Serve("good.bin", Content);
        Server.Serve("bad.bin", Content);
        var integrity = "sha384-" + Convert.ToBase64String(SHA384.HashData(Content));
        var wrong = "sha384-" + Convert.ToBase64String(SHA384.HashData(TestData.Bytes(10, seed: 5)));
        using var good = new ConsumerProject(Cache.Path) { Items = { ConsumerProject.Artifact(Server.Url("good.bin").AbsoluteUri, ("Integrity", integrity)) } };
        using var bad = new ConsumerProject(Cache.Path) { Items = { ConsumerProject.Artifact(Server.Url("bad.bin").AbsoluteUri, ("Integrity", wrong)) } };

        var goodRun = await good.BuildAsync();
        var badRun = await bad.BuildAsync();

        Assert.That(goodRun.Succeeded, Is.True, goodRun.Output);
        Assert.That(goodRun.Output, Does.Not.Contain("FB1005"));
        Assert.That(badRun.Succeeded, Is.False);
        Assert.That(badRun.Output, Does.Contain("error FB1001").And.Contain("SHA-384"));
        Assert.That(File.Exists(Path.Combine(bad.Folder, "obj", "fetch", "bad.bin")), Is.False);
    }

    // README "Install": PackageReference with PrivateAssets="all", here through central package management.
    [Test]
    public async Task Build_CentralPackageManagement_FetchesAndPacksNoDependencyOnFetchBuild()
    {
        Server.Serve("cpm/data.bin", Content);
        using var project = new ConsumerProject(Cache.Path)
        {
            CentralPackageManagement = true,
            Items = { ConsumerProject.Artifact(Server.Url("cpm/data.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content))) },
        };

        var run = await project.BuildAsync();
        var pack = await project.RunAsync("pack", "-o", Path.Combine(project.Folder, "nupkg"));

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "obj", "fetch", "data.bin")), Is.EqualTo(Content));
        Assert.That(pack.Succeeded, Is.True, pack.Output);
        using var package = System.IO.Compression.ZipFile.OpenRead(Directory.GetFiles(Path.Combine(project.Folder, "nupkg"), "*.nupkg").Single());
        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        Assert.That(nuspec.ReadToEnd(), Does.Not.Contain("Fetch.Build"));
    }

    // README "Item metadata": Sha256 / Sha512 / Md5, and DestinationFileName.
    [Test]
    public async Task Build_Sha512Md5AndDestinationFileName_AreVerifiedAndNamedAsWritten()
    {
        var other = TestData.Bytes(3_000, seed: 102);
        Server.Serve("a/data.bin", Content);
        Server.Serve("b/data.bin", other);
        using var project = new ConsumerProject(Cache.Path)
        {
            Items =
            {
                ConsumerProject.Artifact(Server.Url("a/data.bin").AbsoluteUri, ("Sha512", TestData.Sha512(Content).ToUpperInvariant()), ("DestinationFileName", "weights-a.bin")),
                ConsumerProject.Artifact(Server.Url("b/data.bin").AbsoluteUri, ("Md5", TestData.Md5(other)), ("DestinationFileName", "weights-b.bin")),
            },
        };

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(run.Output, Does.Not.Contain("FB1005"));
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "obj", "fetch", "weights-a.bin")), Is.EqualTo(Content));
        Assert.That(File.ReadAllBytes(Path.Combine(project.Folder, "obj", "fetch", "weights-b.bin")), Is.EqualTo(other));
    }

    // README "Properties": FetchCacheDirectory through its variable, FETCH_BUILD_CACHE.
    [Test]
    public async Task Build_FetchBuildCacheVariable_IsTheCacheWhenNoPropertySaysOtherwise()
    {
        Server.Serve("env/data.bin", Content);
        using var cache = new TempDirectory("fetch-env-cache");
        using var project = new ConsumerProject(Cache.Path)
        {
            Properties = { ["FetchCacheDirectory"] = string.Empty },
            Environment = { ["FETCH_BUILD_CACHE"] = cache.Path },
            Items = { ConsumerProject.Artifact(Server.Url("env/data.bin").AbsoluteUri, ("Sha256", TestData.Sha256(Content))) },
        };

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(Directory.EnumerateFiles(cache.Path, "*.db", SearchOption.AllDirectories), Is.Not.Empty);
        Assert.That(Directory.Exists(Cache.Path) && Directory.EnumerateFileSystemEntries(Cache.Path).Any(), Is.False);
    }

    // README "Properties": FetchMaxConnectionsPerHost.
    [Test]
    public async Task Build_FetchMaxConnectionsPerHost_BoundsConnectionsToOneHostBelowTheParallelDownloads()
    {
        using var project = new ConsumerProject(Cache.Path) { Properties = { ["FetchMaxParallelDownloads"] = "4", ["FetchMaxConnectionsPerHost"] = "2" } };
        ServeFourHeldUntilThreeInFlight(project, "h", 300);

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(Server.MaxConcurrentRequests, Is.EqualTo(2));
    }

    // README "Properties": FetchSegmentedDownloads.
    [Test]
    public async Task Build_FetchSegmentedDownloadsFalse_ALargeFileComesOverOneRequest()
    {
        var large = TestData.Bytes(40 << 20, seed: 103);
        Server.Serve("large.bin", large);
        using var segmented = new ConsumerProject(Cache.Path) { Items = { ConsumerProject.Artifact(Server.Url("large.bin").AbsoluteUri, ("Sha256", TestData.Sha256(large))) } };
        using var whole = new ConsumerProject(Cache.Path)
        {
            Properties = { ["FetchSegmentedDownloads"] = "false", ["FetchCacheDirectory"] = Path.Combine(Cache.Path, "other") },
            Items = { ConsumerProject.Artifact(Server.Url("large.bin").AbsoluteUri, ("Sha256", TestData.Sha256(large))) },
        };

        var first = await segmented.BuildAsync();
        var bySegments = Server.RequestCount("large.bin");
        var second = await whole.BuildAsync();

        Assert.That(first.Succeeded && second.Succeeded, Is.True, first.Output + second.Output);
        Assert.That(bySegments, Is.GreaterThan(1), "the default splits a file over 32 MiB");
        Assert.That(Server.RequestCount("large.bin") - bySegments, Is.EqualTo(1));
    }

    // README "Properties": FetchLockFilePath.
    [Test]
    public async Task Build_FetchLockFilePath_RecordsInThatFileRelativeToTheProject()
    {
        Server.Serve("l/data.bin", Content);
        using var project = new ConsumerProject(Cache.Path)
        {
            Properties = { ["FetchUseLockFile"] = "true", ["FetchLockFilePath"] = "locks/app.lock.json" },
            Items = { ConsumerProject.Artifact(Server.Url("l/data.bin").AbsoluteUri) },
        };

        var run = await project.BuildAsync();

        Assert.That(run.Succeeded, Is.True, run.Output);
        Assert.That(File.Exists(Path.Combine(project.Folder, "fetch.lock.json")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(project.Folder, "locks", "app.lock.json")), Does.Contain(TestData.Sha256(Content)));
    }

    // README "Item metadata": ChecksumUrl.
    [Test]
    public async Task Build_ChecksumUrl_VerifiesAnUnpinnedFileAgainstItsLine()
    {
        var other = TestData.Bytes(2_000, seed: 104);
        Server.Serve("rel/data.bin", Content);
        Server.Serve("rel/other.bin", other);
        Server.Serve("rel/SHA256SUMS", System.Text.Encoding.UTF8.GetBytes($"{TestData.Sha256(Content)}  data.bin\n{new string('0', 64)}  other.bin\n"));
        var sums = Server.Url("rel/SHA256SUMS").AbsoluteUri;
        using var good = new ConsumerProject(Cache.Path) { Items = { ConsumerProject.Artifact(Server.Url("rel/data.bin").AbsoluteUri, ("ChecksumUrl", sums)) } };
        using var bad = new ConsumerProject(Cache.Path) { Items = { ConsumerProject.Artifact(Server.Url("rel/other.bin").AbsoluteUri, ("ChecksumUrl", sums)) } };

        var goodRun = await good.BuildAsync();
        var badRun = await bad.BuildAsync();

        Assert.That(goodRun.Succeeded, Is.True, goodRun.Output);
        Assert.That(goodRun.Output, Does.Not.Contain("FB1005"));
        Assert.That(badRun.Succeeded, Is.False);
        Assert.That(badRun.Output, Does.Contain("error FB1001"));
    }

    /// <summary>
    /// Four artifacts whose responses are each held until a third request is in flight too, or 2 s
    /// have passed: with 4 allowed at once all four arrive together, with 2 a third can never come.
    /// </summary>
    private void ServeFourHeldUntilThreeInFlight(ConsumerProject project, string folder, int seed)
    {
        var inFlight = 0;
        for (var i = 0; i < 4; i++)
        {
            var bytes = TestData.Bytes(4_000, seed: seed + i);
            Server.Handle($"{folder}/{i}.bin", async (context, _) =>
            {
                Interlocked.Increment(ref inFlight);
                var waited = 0;
                while (Volatile.Read(ref inFlight) < 3 && waited++ < 40)
                {
                    await Task.Delay(50, context.RequestAborted);
                }

                await StaticContent.WriteAsync(context, bytes, "\"v1\"");
                Interlocked.Decrement(ref inFlight);
            });
            project.Items.Add(ConsumerProject.Artifact(Server.Url($"{folder}/{i}.bin").AbsoluteUri, ("Sha256", TestData.Sha256(bytes))));
        }
    }
}

using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;
using Fetch.Build.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Fetch.Build.Core.Tests.Pipeline;

public sealed class ArtifactFetcherTests
{
    private static readonly byte[] Content = TestData.Bytes(50_000, seed: 3);
    private static readonly string Sha = TestData.Sha256(Content);
    private PipelineHarness _h = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        _h.Server.Serve("a/data.bin", Content);
    }

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [Test]
    public async Task RunAsync_NewArtifact_IsDownloadedPlacedAndStoredByDigest()
    {
        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(File.ReadAllBytes(_h.Placed("data.bin")), Is.EqualTo(Content));
        Assert.That(File.Exists(BlobOf(_h.CacheDirectory)), Is.True);
        var artifact = outcome.Artifacts.Single();
        Assert.That((artifact.Sha256, artifact.Size, artifact.FromCache), Is.EqualTo((Sha, (long)Content.Length, false)));
    }

    [Test]
    public async Task RunAsync_DeclaredDigestCachedFromAnotherUrlWithTheSameFileName_IsUsedWithoutRequest()
    {
        await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("moved/data.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(_h.Server.RequestCount("moved/data.bin"), Is.Zero);
        Assert.That(File.ReadAllBytes(_h.Placed("data.bin")), Is.EqualTo(Content));
    }

    [Test]
    public async Task RunAsync_ItemCopiedWithAnotherFilesDigest_IsFetchedFromItsOwnUrlAndFailsFB1001()
    {
        var other = TestData.Bytes(2000, seed: 21);
        _h.Server.Serve("b/labels.csv", other);
        await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));

        // The copy kept data.bin's digest: the cache must not serve data.bin's bytes as labels.csv.
        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("b/labels.csv"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1001" }));
        Assert.That(log.Diagnostics[0].Message, Does.Contain("b/labels.csv").And.Contain(TestData.Sha256(other)));
        Assert.That(_h.Server.RequestCount("b/labels.csv"), Is.EqualTo(1));
        Assert.That(File.Exists(_h.Placed("labels.csv")), Is.False);
    }

    [Test]
    public async Task RunAsync_ItemCopiedWithAnotherFilesDigestButRightBytes_IsFetchedOnceThenKnownUnderItsName()
    {
        _h.Server.Serve("b/copy.bin", Content);
        await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));
        var copy = PipelineHarness.Artifact(_h.Url("b/copy.bin"), ("Sha256", Sha));

        var first = await _h.RunAsync(copy);
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;
        var second = await _h.RunAsync(copy);

        Assert.That(first.Outcome.Succeeded && second.Outcome.Succeeded, Is.True, first.Log + "\n" + second.Log);
        Assert.That(_h.Server.RequestCount("b/copy.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_Md5Declared_IsFoundThroughTheRegistryWithoutRequest()
    {
        var md5 = TestData.Md5(Content);
        await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Md5", md5)));
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, _) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("b/data.bin"), ("Md5", md5)));

        Assert.That(outcome.Succeeded, Is.True);
        Assert.That(_h.Server.RequestCount("b/data.bin"), Is.Zero);
    }

    [Test]
    public async Task RunAsync_AllDigestForms_MustAllMatch()
    {
        var sri = "sha512-" + Convert.ToBase64String(Convert.FromHexString(TestData.Sha512(Content)));
        var good = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha), ("Md5", TestData.Md5(Content)), ("Integrity", sri)));
        Assert.That(good.Outcome.Succeeded, Is.True, good.Log.ToString());

        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;
        var bad = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha), ("Md5", new string('a', 32))));

        Assert.That(bad.Outcome.Succeeded, Is.False);
        Assert.That(bad.Log.Codes, Is.EqualTo(new[] { "FB1001" }));
        Assert.That(bad.Log.Diagnostics[0].Message, Does.Contain("MD5").And.Contain(TestData.Md5(Content)));
        Assert.That(File.Exists(_h.Placed("data.bin")), Is.False);
    }

    [Test]
    public async Task RunAsync_NoOpRun_AnswersFromTheStateFileWithoutOpeningTheCache()
    {
        var artifact = PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha));
        await _h.RunAsync(artifact);
        Directory.Delete(_h.CacheDirectory, recursive: true);

        var (outcome, log) = await _h.RunAsync(artifact);

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(outcome.Artifacts.Single().FromCache, Is.True);
        Assert.That(Directory.Exists(_h.CacheDirectory), Is.False, "the no-op run opened the cache");
    }

    [Test]
    public async Task RunAsync_StateFileButChangedDigest_TakesTheFullPath()
    {
        await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));
        var other = TestData.Bytes(1000, seed: 11);
        _h.Server.Serve("a/data.bin", other);

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", TestData.Sha256(other))));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(File.ReadAllBytes(_h.Placed("data.bin")), Is.EqualTo(other));
    }

    [Test]
    public async Task RunAsync_ForeignFileWithOtherContent_FailsFB1012AndKeepsIt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_h.Placed("data.bin"))!);
        File.WriteAllText(_h.Placed("data.bin"), "my own notes");

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1012" }));
        Assert.That(File.ReadAllText(_h.Placed("data.bin")), Is.EqualTo("my own notes"));
    }

    [Test]
    public async Task RunAsync_ForeignFileWithSameContent_IsAdopted()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_h.Placed("data.bin"))!);
        File.WriteAllBytes(_h.Placed("data.bin"), Content);

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Diagnostics, Is.Empty);
    }

    [Test]
    public async Task RunAsync_PlacedFileModifiedByUser_IsReplacedWithoutRequest()
    {
        var artifact = PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha));
        await _h.RunAsync(artifact);
        File.WriteAllText(_h.Placed("data.bin"), "scribbled over");

        var (outcome, log) = await _h.RunAsync(artifact);

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(File.ReadAllBytes(_h.Placed("data.bin")), Is.EqualTo(Content));
        Assert.That(_h.Server.RequestCount("a/data.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_PlacedFileReplacedByTheUsersOwn_FailsFB1012AndKeepsIt()
    {
        var artifact = PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha));
        await _h.RunAsync(artifact);
        File.Delete(_h.Placed("data.bin"));
        File.WriteAllText(_h.Placed("data.bin"), "my own data, put where the placed file was");

        var (outcome, log) = await _h.RunAsync(artifact);

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1012" }));
        Assert.That(File.ReadAllText(_h.Placed("data.bin")), Is.EqualTo("my own data, put where the placed file was"));
    }

    // The path string still matches the placement row, and even size and time match: only the file's identity tells.
    [Test]
    [Platform("Linux")]
    public async Task RunAsync_ObjFetchLinkedToAFolderWithALookalikeFile_FailsFB1012AndWritesNothingThere()
    {
        var artifact = PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha));
        await _h.RunAsync(artifact);
        var placed = _h.Placed("data.bin");
        var elsewhere = Directory.CreateDirectory(Path.Combine(_h.Root, "elsewhere")).FullName;
        var lookalike = Path.Combine(elsewhere, "data.bin");
        File.WriteAllBytes(lookalike, new byte[Content.Length]);
        File.SetLastWriteTimeUtc(lookalike, File.GetLastWriteTimeUtc(placed));
        Directory.Delete(Path.GetDirectoryName(placed)!, recursive: true);
        Directory.CreateSymbolicLink(Path.GetDirectoryName(placed)!, elsewhere);

        var (outcome, log) = await _h.RunAsync(artifact);

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1012" }));
        Assert.That(log.Diagnostics[0].Message, Does.Contain("is a symbolic link or junction that Fetch.Build did not create"));
        Assert.That(File.ReadAllBytes(lookalike), Is.EqualTo(new byte[Content.Length]));
        Assert.That(Directory.GetFileSystemEntries(elsewhere), Is.EqualTo(new[] { lookalike }));
        Assert.That(_h.Server.RequestCount("a/data.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_TwoArtifactsOneDestination_FailsFB1011BeforeAnyRequest()
    {
        var (outcome, log) = await _h.RunAsync(
            PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)),
            PipelineHarness.Artifact(_h.Url("b/data.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1011" }));
        Assert.That(_h.Server.TotalRequests, Is.Zero);
    }

    [Test]
    public async Task RunAsync_CorruptCachedBlob_WarnsFB1009AndFetchesAgain()
    {
        await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));
        var blob = BlobOf(_h.CacheDirectory);
        File.SetAttributes(blob, FileAttributes.Normal);
        File.WriteAllBytes(blob, new byte[Content.Length]);
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));

        AssertReportedAndFetchedAgain(outcome, log, blob);
    }

    [Test]
    [Platform("Linux")]
    public async Task RunAsync_HardLinkModeCorruptCachedBlob_WarnsFB1009AndLinksAFreshCopy()
    {
        var hardLink = new RawSettings().With("FetchLinkMode", "HardLink");
        await _h.RunAsync(hardLink, PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));
        var blob = BlobOf(_h.CacheDirectory);
        // The first project's hard link is the blob: a write through it spoils the cache.
        File.SetAttributes(_h.Placed("data.bin"), FileAttributes.Normal);
        File.WriteAllBytes(_h.Placed("data.bin"), new byte[Content.Length]);
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, log) = await _h.RunAsync(hardLink, PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));

        AssertReportedAndFetchedAgain(outcome, log, blob);
    }

    [Test]
    [Platform("Linux")]
    public async Task RunAsync_NewArtifact_VouchesForTheStoredBlobAsItIsOnDisk()
    {
        await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));

        var blob = BlobOf(_h.CacheDirectory);
        Assert.That(VerifiedIdentity(_h.CacheDirectory), Is.EqualTo(FileIdentity.Of(blob).ToString()));
    }

    [Test]
    [Platform("Linux")]
    public async Task RunAsync_CacheCopiedElsewhere_HashesEachBlobOnceThenVouchesForTheCopy()
    {
        await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));
        var copied = Path.Combine(_h.Root, "restored-cache");
        CopyFolder(_h.CacheDirectory, copied);
        var blob = BlobOf(copied);
        Assert.That(VerifiedIdentity(copied), Is.Not.EqualTo(FileIdentity.Of(blob).ToString()));
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, log) = await _h.RunAsync(
            new RawSettings().With("FetchCacheDirectory", copied).With("FetchOffline", "true"),
            PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(File.ReadAllBytes(_h.Placed("data.bin")), Is.EqualTo(Content));
        Assert.That(VerifiedIdentity(copied), Is.EqualTo(FileIdentity.Of(blob).ToString()));
    }

    [Test]
    public async Task RunAsync_RegistryReadyButBlobMissing_WarnsFB1009AndFetchesAgain()
    {
        var artifact = PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Md5", TestData.Md5(Content)));
        await _h.RunAsync(artifact);
        var blob = BlobOf(_h.CacheDirectory);
        File.SetAttributes(blob, FileAttributes.Normal);
        File.Delete(blob);
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, log) = await _h.RunAsync(artifact);

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1009" }));
        Assert.That(_h.Server.RequestCount("a/data.bin"), Is.EqualTo(2));
    }

    [Test]
    public async Task RunAsync_CorruptRegistry_IsRebuiltWithWarningAndStoredContentStillServes()
    {
        await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));
        var registry = new CacheLayout(_h.CacheDirectory).RegistryPath;
        File.WriteAllBytes(registry, TestData.Bytes(8192, seed: 9));
        foreach (var side in new[] { "-wal", "-shm" })
        {
            File.Delete(registry + side);
        }

        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1009" }));
        Assert.That(log.Diagnostics[0].Message, Does.Contain("rebuilt from 1 stored files"));
        Assert.That(_h.Server.RequestCount("a/data.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_RegistryDeleted_IsRecreatedAndStoredContentStillServes()
    {
        var artifact = PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha));
        await _h.RunAsync(artifact);
        var registry = new CacheLayout(_h.CacheDirectory).RegistryPath;
        foreach (var file in Directory.GetFiles(_h.CacheDirectory, Path.GetFileName(registry) + "*"))
        {
            File.Delete(file);
        }

        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, log) = await _h.RunAsync(artifact);

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(File.ReadAllBytes(_h.Placed("data.bin")), Is.EqualTo(Content));
        Assert.That(_h.Server.RequestCount("a/data.bin"), Is.EqualTo(1));
        Assert.That(File.Exists(registry), Is.True);
    }

    [Test]
    public async Task RunAsync_CacheFolderMovedElsewhere_ServesOfflineAsIs()
    {
        await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Md5", TestData.Md5(Content))));
        var moved = Path.Combine(_h.Root, "restored-cache");
        Directory.Move(_h.CacheDirectory, moved);
        _h.ProjectDirectory = Directory.CreateDirectory(Path.Combine(_h.Root, "other")).FullName;

        var (outcome, log) = await _h.RunAsync(
            new RawSettings().With("FetchCacheDirectory", moved).With("FetchOffline", "true"),
            PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Md5", TestData.Md5(Content))));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(File.ReadAllBytes(_h.Placed("data.bin")), Is.EqualTo(Content));
        Assert.That(_h.Server.RequestCount("a/data.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_HardLinkMode_SharesTheStoredFile()
    {
        var (outcome, log) = await _h.RunAsync(new RawSettings().With("FetchLinkMode", "HardLink"), PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        var blob = BlobOf(_h.CacheDirectory);
        Assert.That(LinkCount(blob), Is.EqualTo(2));
        Assert.That(File.ReadAllBytes(_h.Placed("data.bin")), Is.EqualTo(Content));
    }

    [Test]
    public async Task RunAsync_CacheFolderUnusable_FailsFB1007NamingTheFolder()
    {
        var blocker = Path.Combine(_h.Root, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var cache = Path.Combine(blocker, "cache");

        var (outcome, log) = await _h.RunAsync(new RawSettings().With("FetchCacheDirectory", cache), PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1007" }));
        Assert.That(log.Diagnostics[0].Message, Does.Contain(cache));
        Assert.That(_h.Server.TotalRequests, Is.Zero);
    }

    [Test]
    public async Task RunAsync_NotFound_FailsFB1002WithStatus()
    {
        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("missing.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1002" }));
        Assert.That(log.Diagnostics[0].Message, Does.Contain("404"));
    }

    [Test]
    public async Task RunAsync_FileUrl_IsCopiedAndVerified()
    {
        var source = Path.Combine(_h.Root, "local.bin");
        File.WriteAllBytes(source, Content);

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(new Uri(source).AbsoluteUri, ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(File.ReadAllBytes(_h.Placed("local.bin")), Is.EqualTo(Content));
    }

    [Test]
    public async Task RunAsync_NoDigest_SecondRunMakesNoRequestAndStillWarns()
    {
        var artifact = PipelineHarness.Artifact(_h.Url("a/data.bin"));
        await _h.RunAsync(artifact);

        var (outcome, log) = await _h.RunAsync(artifact);

        Assert.That(outcome.Succeeded, Is.True);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1005" }));
        Assert.That(outcome.Artifacts.Single().FromCache, Is.True);
        Assert.That(_h.Server.RequestCount("a/data.bin"), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_DestinationFileName_NamesThePlacedFile()
    {
        var (outcome, _) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a/data.bin"), ("Sha256", Sha), ("DestinationFileName", "renamed.dat"), ("DestinationFolder", "assets")));

        Assert.That(outcome.Succeeded, Is.True);
        Assert.That(File.ReadAllBytes(Path.Combine(_h.ProjectDirectory, "assets", "renamed.dat")), Is.EqualTo(Content));
    }

    [Test]
    public async Task RunAsync_UnpinnedZenodoFile_IsVerifiedAgainstTheRecordChecksum()
    {
        _h.Server.Serve("records/42/files/data.bin", Content);
        _h.Server.Handle("api/records/42", (context, _) => context.Response.WriteAsJsonAsync(new
        {
            files = new[] { new { key = "data.bin", checksum = "md5:" + TestData.Md5(Content) } },
        }));
        _h.Hosts = _h.Hosts with { ZenodoHosts = ["127.0.0.1"] };

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("records/42/files/data.bin")));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Messages, Has.Some.Contains("MD5 the Zenodo record lists"));
        Assert.That(log.Codes, Is.Empty, "pinned by the record: no FB1005");
        Assert.That(_h.Server.RequestCount("api/records/42"), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_ZenodoAccessToken_GoesToTheRecordsHostOnly()
    {
        await using var files = await LoopbackServer.StartAsync("127.0.0.2");
        files.Serve("files/data.bin", Content);
        _h.Server.Handle("records/42/files/data.bin", (context, _) => Faults.RedirectAsync(context, files.Url("files/data.bin").AbsoluteUri));
        _h.Server.Handle("api/records/42", (context, _) => context.Response.WriteAsJsonAsync(new
        {
            files = new[] { new { key = "data.bin", checksum = "md5:" + TestData.Md5(Content) } },
        }));
        _h.Hosts = _h.Hosts with { ZenodoHosts = ["127.0.0.1"] };
        _h.Environment["ZENODO_ACCESS_TOKEN"] = "zen0do";

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("records/42/files/data.bin")));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(_h.Server.Requests.Select(r => r.Headers.GetValueOrDefault("Authorization")), Is.All.EqualTo("Bearer zen0do"));
        Assert.That(files.Requests.Single().Headers.ContainsKey("Authorization"), Is.False);
    }

    [Test]
    public async Task RunAsync_ZenodoRecordDown_TheUnverifiedDownloadIsSaid()
    {
        _h.Server.Serve("records/42/files/data.bin", Content);
        _h.Server.Handle("api/records/42", (context, _) => Faults.StatusAsync(context, 404));
        _h.Hosts = _h.Hosts with { ZenodoHosts = ["127.0.0.1"] };

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("records/42/files/data.bin")));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1005" }));
        Assert.That(log.Diagnostics.Single().Message, Does.Contain("none was published (the Zenodo record"));
    }

    [Test]
    public async Task RunAsync_UnpinnedZenodoFileNotMatchingTheRecord_FailsFB1001()
    {
        _h.Server.Serve("records/42/files/data.bin", Content);
        _h.Server.Handle("api/records/42", (context, _) => context.Response.WriteAsJsonAsync(new
        {
            files = new[] { new { key = "data.bin", checksum = "md5:" + new string('0', 32) } },
        }));

        _h.Hosts = _h.Hosts with { ZenodoHosts = ["127.0.0.1"] };

        var (outcome, log) = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("records/42/files/data.bin")));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1001" }));
        Assert.That(File.Exists(_h.Placed("data.bin")), Is.False);
    }

    private static string BlobOf(string cacheDirectory) => new CacheLayout(cacheDirectory).BlobPath(Sha);

    /// <summary>A spoiled cache entry: FB1009, a second request, and the right bytes in the project and the cache.</summary>
    private void AssertReportedAndFetchedAgain(FetchOutcome outcome, RecordingLog log, string blob)
    {
        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.EqualTo(new[] { "FB1009" }));
        Assert.That(File.ReadAllBytes(_h.Placed("data.bin")), Is.EqualTo(Content));
        Assert.That(File.ReadAllBytes(blob), Is.EqualTo(Content));
        Assert.That(_h.Server.RequestCount("a/data.bin"), Is.EqualTo(2));
    }

    private static string? VerifiedIdentity(string cacheDirectory)
    {
        var layout = new CacheLayout(cacheDirectory);
        using var registry = CacheRegistry.Open(layout, new ContentStore(layout), TimeProvider.System, _ => { });
        return registry.VerifiedIdentityOf(Sha);
    }

    /// <summary>A copy as a CI cache restore makes it: same bytes and modification times, new files.</summary>
    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(file));
        }
    }

    private static long LinkCount(string path)
    {
        var result = ProcessRunner.RunAsync("stat", ["-c", "%h", path], Path.GetTempPath(), new Dictionary<string, string?>(), TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        return long.Parse(result.Output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

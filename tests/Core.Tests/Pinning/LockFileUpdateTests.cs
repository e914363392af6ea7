using System.Text;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Pinning;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;
using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Fetch.Build.Core.Tests.Pinning;

/// <summary>The lock file as runs leave it: trust on first use, verified after, the item winning, stale entries gone (SPEC §7).</summary>
public sealed class LockFileUpdateTests
{
    private static readonly byte[] Content = TestData.Bytes(30_000, seed: 71);
    private static readonly byte[] Changed = TestData.Bytes(30_000, seed: 72);
    private static readonly string Sha = TestData.Sha256(Content);
    private PipelineHarness _h = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        _h.Server.Serve("a/data.bin", Content);
        _h.Server.Serve("b/other.bin", Changed);
    }

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    private string LockPath => Path.Combine(_h.ProjectDirectory, "fetch.lock.json");

    private string UrlA => _h.Url("a/data.bin");

    private string UrlB => _h.Url("b/other.bin");

    [Test]
    public async Task RunAsync_UnpinnedArtifact_IsRecordedWithAMessageInsteadOfFB1005()
    {
        var (outcome, log) = await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Diagnostics, Is.Empty);
        Assert.That(log.Messages, Has.One.Contains($"{UrlA}: no digest on the item and none in the lock file, so SHA-256 {Sha} ({Content.Length} bytes) was recorded in '{LockPath}'"));
        Assert.That(Read().Find(UrlA), Is.EqualTo(new LockEntry(Sha, Content.Length)));
    }

    [Test]
    public async Task RunAsync_ServerChangedAfterRecording_AFreshCloneFailsFB1001NamingTheLockFile()
    {
        await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA));
        var recorded = File.ReadAllBytes(LockPath);
        _h.Server.Serve("a/data.bin", Changed);
        FreshClone();

        var (outcome, log) = await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA));

        Assert.That(outcome.Succeeded, Is.False);
        var error = log.Diagnostics.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCatalog.DigestMismatchCode));
        Assert.That(error.Message, Does.Contain($"recorded in the lock file '{LockPath}'").And.Contain(Sha).And.Contain(TestData.Sha256(Changed)));
        Assert.That(File.Exists(_h.Placed("data.bin")), Is.False);
        Assert.That(File.ReadAllBytes(LockPath), Is.EqualTo(recorded));
    }

    [Test]
    public async Task RunAsync_RecordedArtifact_IsVerifiedWithoutFB1005AndTheFileIsNotRewritten()
    {
        await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA));
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(LockPath, old);
        FreshClone();

        var (outcome, log) = await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Diagnostics, Is.Empty);
        Assert.That(log.Messages, Has.None.Contains("was recorded"));
        Assert.That(File.GetLastWriteTimeUtc(LockPath), Is.EqualTo(old));
    }

    [Test]
    public async Task RunAsync_ItemDeclaresADigest_TheItemWinsAndRewritesItsEntry()
    {
        Write(new LockFile([new(UrlA, new LockEntry(new string('0', 64), 1)), new(UrlB, new LockEntry(new string('1', 64), 2))]));

        var (outcome, log) = await _h.RunAsync(WithLockFile(),
            PipelineHarness.Artifact(UrlA, ("Sha256", Sha)),
            PipelineHarness.Artifact(UrlB, ("Md5", TestData.Md5(Changed))));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(Read().Find(UrlA), Is.EqualTo(new LockEntry(Sha, Content.Length)));
        Assert.That(Read().Find(UrlB), Is.EqualTo(new LockEntry(TestData.Sha256(Changed), Changed.Length)));
    }

    [Test]
    public async Task RunAsync_ItemRemoved_ItsEntryGoes_AndAnEntryThisProjectNeverDeclaredStays()
    {
        // Another project, or another target framework, writing the same lock file.
        var foreign = new LockEntry(new string('f', 64), 5);
        Write(new LockFile([new("https://elsewhere.example/x.bin", foreign)]));
        await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA), PipelineHarness.Artifact(UrlB));
        Assert.That(Read().Entries.Keys, Is.EquivalentTo(new[] { UrlA, UrlB, "https://elsewhere.example/x.bin" }));

        var (outcome, log) = await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(Read().Entries.Keys, Is.EquivalentTo(new[] { UrlA, "https://elsewhere.example/x.bin" }));
    }

    [Test]
    public async Task RunAsync_LastItemRemoved_ItsEntryGoes()
    {
        await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA));

        var (outcome, log) = await _h.RunAsync(WithLockFile());

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(Read().Entries, Is.Empty);
    }

    [Test]
    public async Task RunAsync_ItemRemovedAfterAFailedRun_ItsEntryStillGoes()
    {
        await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA), PipelineHarness.Artifact(UrlB));
        var failed = await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA), PipelineHarness.Artifact(UrlB), PipelineHarness.Artifact(_h.Url("missing.bin")));
        Assert.That(failed.Outcome.Succeeded, Is.False);

        var (outcome, log) = await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(Read().Entries.Keys, Is.EquivalentTo(new[] { UrlA }));
    }

    [Test]
    public async Task RunAsync_FailedArtifact_KeepsItsEntry()
    {
        await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA), PipelineHarness.Artifact(UrlB));
        var recorded = File.ReadAllBytes(LockPath);
        _h.Server.Handle("b/other.bin", (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        FreshClone();

        var (outcome, log) = await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA), PipelineHarness.Artifact(UrlB));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { DiagnosticCatalog.DownloadFailedCode }));
        Assert.That(File.ReadAllBytes(LockPath), Is.EqualTo(recorded));
    }

    [Test]
    public async Task RunAsync_RequireHash_IsSatisfiedByAnEntry_AndFB1005WithoutOne()
    {
        Write(new LockFile([new(UrlA, new LockEntry(Sha, Content.Length))]));
        var settings = WithLockFile().With("FetchRequireHash", "true");

        var (outcome, log) = await _h.RunAsync(settings, PipelineHarness.Artifact(UrlA), PipelineHarness.Artifact(UrlB));

        Assert.That(outcome.Results[0].Succeeded, Is.True, log.ToString());
        Assert.That(outcome.Results[1].Diagnostics.Select(d => (d.Code, d.Severity)), Is.EqualTo(new[] { (DiagnosticCatalog.MissingDigestCode, FetchSeverity.Error) }));
        Assert.That(Read().Entries.Keys, Is.EquivalentTo(new[] { UrlA }));
    }

    [Test]
    public async Task RunAsync_DesignTimeBuild_NeverWritesTheLockFile()
    {
        await _h.RunAsync(PipelineHarness.Artifact(UrlA));

        var (outcome, log) = await _h.RunAsync(WithLockFile() with { DesignTimeBuild = "true" }, PipelineHarness.Artifact(UrlA));

        Assert.That(outcome.Results.Single().Artifact, Is.Not.Null, log.ToString());
        Assert.That(File.Exists(LockPath), Is.False);
    }

    [Test]
    public async Task RunAsync_WebPageServedForAFile_IsNotRecorded()
    {
        _h.Server.Handle("page.bin", async (context, _) =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("<html>Sign in</html>"));
        });

        var (_, log) = await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(_h.Url("page.bin")));

        Assert.That(log.Diagnostics.Single().Message, Does.Contain("web page"));
        Assert.That(Read().Entries, Is.Empty);
    }

    [Test]
    public async Task RunAsync_UrlsTheLockFileCannotTellApart_AreNotRecordedAndGetFB1005()
    {
        var (outcome, log) = await _h.RunAsync(WithLockFile(),
            PipelineHarness.Artifact(UrlA + "?id=1", ("DestinationFileName", "one.bin")),
            PipelineHarness.Artifact(UrlA + "?id=2", ("DestinationFileName", "two.bin")));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Codes, Is.EqualTo(new[] { DiagnosticCatalog.MissingDigestCode, DiagnosticCatalog.MissingDigestCode }));
        Assert.That(log.Messages, Has.Some.Contains($"reads '{UrlA}?id=***' there too"));
        Assert.That(Read().Entries, Is.Empty);
    }

    [Test]
    public async Task RunAsync_EntryChangedUnderPlacedContent_FetchesAgainAndVerifiesAgainstTheNewEntry()
    {
        await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA));
        // A pulled commit pins the URL to new content, which the server now serves.
        _h.Server.Serve("a/data.bin", Changed);
        Write(new LockFile([new(UrlA, new LockEntry(TestData.Sha256(Changed), Changed.Length))]));

        var (outcome, log) = await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(UrlA));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(File.ReadAllBytes(_h.Placed("data.bin")), Is.EqualTo(Changed));
        Assert.That(Read().Find(UrlA)!.Sha256, Is.EqualTo(TestData.Sha256(Changed)));
    }

    [Test]
    public void RunAsync_ManyRunsWritingOneLockFileAtOnce_KeepEveryEntry()
    {
        const int Writers = 8;
        const int Rounds = 5;
        var settings = SettingCatalog.Defaults(_h.CacheDirectory, _h.ProjectDirectory) with { UseLockFile = true };
        using var start = new Barrier(Writers);
        // Threads of their own, released together: each run reads, merges and writes while the others do.
        var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            start.SignalAndWait();
            for (var round = 0; round < Rounds; round++)
            {
                var request = SampleRequests.Sample($"https://example.org/{w}/{round}/data.bin");
                var fetched = new FetchedArtifact(request.DestinationPath, request.SourceUrl, Sha, round, false, false, [], null);
                LockFileUpdate.RunAsync(new RunResults([request], [fetched], [new RecordingLog()]), Pins.From(LockFile.Empty, [request], settings),
                    LockFile.Empty, null, settings, new RecordingLog(), CancellationToken.None).GetAwaiter().GetResult();
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.That(Read().Entries.Keys, Is.EquivalentTo(
            Enumerable.Range(0, Writers).SelectMany(w => Enumerable.Range(0, Rounds).Select(round => $"https://example.org/{w}/{round}/data.bin"))));
    }

    private static RawSettings WithLockFile() => new RawSettings().With("FetchUseLockFile", "true");

    /// <summary>Another machine's first build of the same commit: no obj/, an empty cache.</summary>
    private void FreshClone()
    {
        Directory.Delete(Path.Combine(_h.ProjectDirectory, "obj"), recursive: true);
        _h.CacheDirectory = Path.Combine(_h.Root, "cache-" + Guid.NewGuid().ToString("N"));
    }

    private LockFile Read() => LockFileReader.Read(LockPath) ?? throw new AssertionException("no lock file");

    private void Write(LockFile lockFile) => LockFileWriter.Write(LockPath, lockFile);
}

using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Pinning;
using Fetch.Build.Core.Settings;
using Fetch.Build.Core.Tests.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Pinning;

/// <summary>Locked mode: the lock file pins everything before any request, or the run stops with one FB1014 (SPEC §7).</summary>
public sealed class LockedModeCheckTests
{
    private static readonly byte[] Content = TestData.Bytes(10_000, seed: 81);
    private static readonly string Sha = TestData.Sha256(Content);
    private PipelineHarness _h = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        foreach (var name in new[] { "a.bin", "b.bin", "c.bin" })
        {
            _h.Server.Serve(name, Content);
        }
    }

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    private string LockPath => Path.Combine(_h.ProjectDirectory, "fetch.lock.json");

    [Test]
    public async Task RunAsync_MissingAndDifferingEntries_AreOneFB1014ListingEveryUrl_BeforeAnyRequest_AndTheFileIsUntouched()
    {
        var other = new string('e', 64);
        LockFileWriter.Write(LockPath, new LockFile([new(_h.Url("a.bin"), new LockEntry(Sha, Content.Length)), new(_h.Url("c.bin"), new LockEntry(other, 1))]));
        var before = File.ReadAllBytes(LockPath);
        var stamp = File.GetLastWriteTimeUtc(LockPath);

        var (outcome, log) = await _h.RunAsync(Locked(),
            PipelineHarness.Artifact(_h.Url("a.bin")),
            PipelineHarness.Artifact(_h.Url("b.bin")),
            PipelineHarness.Artifact(_h.Url("c.bin"), ("Sha256", Sha)),
            PipelineHarness.Artifact(_h.Url("d.bin"), ("Md5", TestData.Md5(Content))));

        Assert.That(outcome.Succeeded, Is.False);
        var error = log.Diagnostics.Single();
        Assert.That((error.Code, error.Severity), Is.EqualTo((DiagnosticCatalog.LockedModeMismatchCode, FetchSeverity.Error)));
        Assert.That(error.Message, Does.Contain($"'{LockPath}' does not pin every artifact")
            .And.Contain($"{_h.Url("b.bin")} is not in it")
            .And.Contain($"{_h.Url("c.bin")} has Sha256 {Sha} on the item and {other} in the lock file")
            .And.Contain($"{_h.Url("d.bin")} is not in it")
            .And.Not.Contain(_h.Url("a.bin") + " "));
        Assert.That(_h.Server.TotalRequests, Is.Zero);
        Assert.That(File.ReadAllBytes(LockPath), Is.EqualTo(before));
        Assert.That(File.GetLastWriteTimeUtc(LockPath), Is.EqualTo(stamp));
        Assert.That(File.Exists(_h.Placed("a.bin")), Is.False);
    }

    [Test]
    public async Task RunAsync_NoLockFile_IsFB1014SayingSoAndWritesNone()
    {
        var (outcome, log) = await _h.RunAsync(Locked(), PipelineHarness.Artifact(_h.Url("a.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Diagnostics.Single().Message, Does.Contain($"'{LockPath}' does not exist"));
        Assert.That(_h.Server.TotalRequests, Is.Zero);
        Assert.That(File.Exists(LockPath), Is.False);
    }

    [Test]
    public async Task RunAsync_EveryArtifactPinned_FetchesVerifiesAndNeverWritesTheLockFile()
    {
        await _h.RunAsync(new RawSettings().With("FetchUseLockFile", "true"), PipelineHarness.Artifact(_h.Url("a.bin")), PipelineHarness.Artifact(_h.Url("b.bin"), ("Sha256", Sha)));
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(LockPath, old);
        Directory.Delete(Path.Combine(_h.ProjectDirectory, "obj"), recursive: true);
        _h.CacheDirectory = Path.Combine(_h.Root, "ci-cache");

        var (outcome, log) = await _h.RunAsync(Locked(), PipelineHarness.Artifact(_h.Url("a.bin")), PipelineHarness.Artifact(_h.Url("b.bin"), ("Sha256", Sha)));
        var noOp = await _h.RunAsync(Locked(), PipelineHarness.Artifact(_h.Url("a.bin")), PipelineHarness.Artifact(_h.Url("b.bin"), ("Sha256", Sha)));

        Assert.That(outcome.Succeeded && noOp.Outcome.Succeeded, Is.True, log.ToString() + noOp.Log);
        Assert.That(log.Diagnostics.Concat(noOp.Log.Diagnostics), Is.Empty);
        Assert.That(File.GetLastWriteTimeUtc(LockPath), Is.EqualTo(old));
    }

    [Test]
    public async Task RunAsync_ItemWhoseOtherDigestVerifiesOtherBytesThanTheEntry_IsFB1014ForTheChangeItWouldMake()
    {
        LockFileWriter.Write(LockPath, new LockFile([new(_h.Url("a.bin"), new LockEntry(new string('e', 64), 3))]));

        var (outcome, log) = await _h.RunAsync(Locked(), PipelineHarness.Artifact(_h.Url("a.bin"), ("Md5", TestData.Md5(Content))));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Diagnostics.Single().Message, Does.Contain($"would change the lock file '{LockPath}'")
            .And.Contain($"'{_h.Url("a.bin")}' would change from SHA-256 {new string('e', 64)} to {Sha}"));
        Assert.That(LockFileReader.Read(LockPath)!.Find(_h.Url("a.bin"))!.Sha256, Is.EqualTo(new string('e', 64)));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task RunAsync_MalformedLockFile_IsFB1015BeforeAnyRequestInEveryMode(bool lockedMode)
    {
        File.WriteAllText(LockPath, "{\n  \"version\": 1,\n  \"artifacts\": {\n    \"x\": { \"sha256\": \"abc\", \"size\": 1 }\n  }\n}\n");
        var settings = lockedMode ? Locked() : new RawSettings().With("FetchUseLockFile", "true");

        var (outcome, log) = await _h.RunAsync(settings, PipelineHarness.Artifact(_h.Url("a.bin")));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCatalog.MalformedLockFileCode));
        Assert.That(log.Diagnostics.Single().Message, Does.Contain($"'{LockPath}', line 4"));
        Assert.That(_h.Server.TotalRequests, Is.Zero);
    }

    [Test]
    public async Task RunAsync_LockedModeByVariable_NeedsTheLockFileOn()
    {
        _h.Environment["FETCH_BUILD_LOCKED_MODE"] = "1";

        var off = await _h.RunAsync(PipelineHarness.Artifact(_h.Url("a.bin"), ("Sha256", Sha)));
        var on = await _h.RunAsync(new RawSettings().With("FetchUseLockFile", "true"), PipelineHarness.Artifact(_h.Url("b.bin"), ("Sha256", Sha)));

        Assert.That(off.Outcome.Succeeded, Is.True, off.Log.ToString());
        Assert.That(on.Log.Codes, Is.EqualTo(new[] { DiagnosticCatalog.LockedModeMismatchCode }));
    }

    private static RawSettings Locked() => new RawSettings().With("FetchUseLockFile", "true").With("FetchLockedMode", "true");
}

using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Pinning;
using Fetch.Build.Core.Settings;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Pipeline;

/// <summary>The no-op build with the lock file on: one more stat, the lock file read only when it changed.</summary>
public sealed class UpToDateShortcutTests
{
    private static readonly byte[] Content = TestData.Bytes(10_000, seed: 91);
    private PipelineHarness _h = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _h = await PipelineHarness.StartAsync();
        _h.Server.Serve("data.bin", Content);
        _h.Server.Serve("moved/data.bin", Content);
    }

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    private string LockPath => Path.Combine(_h.ProjectDirectory, "fetch.lock.json");

    [Test]
    public async Task TryAnswer_LockFileAsTheLastBuildLeftIt_IsTrustedWithoutReadingIt()
    {
        await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(_h.Url("data.bin")));
        SpoilKeepingStamp();
        // The cache gone too: an answer that needed it would fail.
        Directory.Delete(_h.CacheDirectory, recursive: true);

        var (outcome, log) = await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(_h.Url("data.bin")));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(log.Diagnostics, Is.Empty);
        Assert.That(_h.Server.TotalRequests, Is.EqualTo(1));
        Assert.That(Directory.Exists(_h.CacheDirectory), Is.False);
    }

    [Test]
    public async Task TryAnswer_LockFileChangedSince_ReadsIt()
    {
        await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(_h.Url("data.bin")));
        SpoilKeepingStamp();
        File.SetLastWriteTimeUtc(LockPath, DateTime.UtcNow.AddMinutes(1));

        var (outcome, log) = await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(_h.Url("data.bin")));

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(log.Codes, Is.EqualTo(new[] { DiagnosticCatalog.MalformedLockFileCode }));
    }

    [Test]
    public async Task TryAnswer_UrlChangedUnderTheSameDigestAndFile_StillUpdatesTheLockFile()
    {
        var sha = TestData.Sha256(Content);
        await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(_h.Url("data.bin"), ("Sha256", sha)));

        var (outcome, log) = await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(_h.Url("moved/data.bin"), ("Sha256", sha)));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(LockFileReader.Read(LockPath)!.Entries.Keys, Is.EqualTo(new[] { _h.Url("moved/data.bin") }));
    }

    [Test]
    public async Task TryAnswer_LockFileTurnedOnAfterPlacing_RecordsWhatIsPlaced()
    {
        await _h.RunAsync(PipelineHarness.Artifact(_h.Url("data.bin")));

        var (outcome, log) = await _h.RunAsync(WithLockFile(), PipelineHarness.Artifact(_h.Url("data.bin")));

        Assert.That(outcome.Succeeded, Is.True, log.ToString());
        Assert.That(LockFileReader.Read(LockPath)!.Find(_h.Url("data.bin"))!.Sha256, Is.EqualTo(TestData.Sha256(Content)));
        Assert.That(_h.Server.TotalRequests, Is.EqualTo(1));
    }

    private static RawSettings WithLockFile() => new RawSettings().With("FetchUseLockFile", "true");

    /// <summary>Garbage of the same length and time: only a build that reads the file can tell.</summary>
    private void SpoilKeepingStamp()
    {
        var info = new FileInfo(LockPath);
        var stamp = info.LastWriteTimeUtc;
        File.WriteAllText(LockPath, new string('x', (int)info.Length));
        File.SetLastWriteTimeUtc(LockPath, stamp);
    }
}

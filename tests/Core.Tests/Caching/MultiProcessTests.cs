using System.Security.Cryptography;
using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Maintenance;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Caching;

/// <summary>Many processes sharing one cache, and processes killed at every step of a cache write.</summary>
public sealed class MultiProcessTests
{
    private static readonly byte[][] Contents = [TestData.Bytes(600_000, 1), TestData.Bytes(400_000, 2), TestData.Bytes(300_000, 3)];
    private LoopbackServer _server = null!;
    private TempDirectory _root = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _server = await LoopbackServer.StartAsync();
        for (var i = 0; i < Contents.Length; i++)
        {
            var content = Contents[i];
            _server.Handle($"f{i}.bin", (context, _) => SlowContent.WriteAsync(context, content));
        }

        _root = new TempDirectory("fetch-multiprocess");
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }

    [Test]
    public async Task SixteenProcesses_SameArtifacts_EachIsDownloadedOnceAndAllSucceed()
    {
        var cache = _root.Combine("cache");
        var runs = Enumerable.Range(0, 16).Select(i =>
        {
            var project = Directory.CreateDirectory(_root.Combine($"p{i}")).FullName;
            // Digest-less artifacts take the URL lock path; declared ones the content path. Mix both.
            return CacheHostProcess.RunAsync(cache, project, Specs(declareDigest: i % 2 == 0));
        }).ToList();

        var results = await Task.WhenAll(runs);

        Assert.That(results.Select(r => r.ExitCode), Is.All.Zero, string.Join("\n---\n", results.Select(r => r.Output)));
        Assert.That(results.Select(r => r.Output), Has.None.Contains("database is locked"));
        for (var i = 0; i < Contents.Length; i++)
        {
            Assert.That(_server.RequestCount($"f{i}.bin"), Is.EqualTo(1), $"f{i}.bin");
        }

        AssertCacheConsistent(cache, expectedReady: Contents.Length);
        for (var p = 0; p < 16; p++)
        {
            Assert.That(File.ReadAllBytes(_root.Combine($"p{p}", "fetched", "f0.bin")), Is.EqualTo(Contents[0]));
        }
    }

    [Test]
    public async Task SixteenProcesses_WhilePrunesEmptyTheCacheInALoop_AllSucceedAndNoReadyRowPointsAtBadData()
    {
        for (var i = 0; i < Contents.Length; i++)
        {
            _server.Serve($"g{i}.bin", Contents[i]);
        }

        var cache = _root.Combine("cache");
        var runs = Enumerable.Range(0, 16).Select(i =>
        {
            var project = Directory.CreateDirectory(_root.Combine($"p{i}")).FullName;
            var specs = Contents.Select((content, n) => $"{_server.Url($"g{n}.bin").AbsoluteUri}|{(i % 2 == 0 ? TestData.Sha256(content) : string.Empty)}");
            return CacheHostProcess.RunAsync(cache, project, specs);
        }).ToList();
        var all = Task.WhenAll(runs);

        // Prune to nothing, over and over, until every build is done (bounded: the builds' own timeout).
        var prunes = 0;
        var removed = 0;
        while (!all.IsCompleted)
        {
            if (Directory.Exists(Path.Combine(cache, "locks")) && CacheContext.Open(cache, new RecordingLog(), TimeProvider.System) is { } open)
            {
                using (open)
                {
                    removed += CachePruner.Prune(open, new PruneOptions { MaxSize = 0 }, DateTimeOffset.UtcNow).Removed.Count(r => r.Kind == RemovedItem.Content);
                }

                prunes++;
            }

            await Task.WhenAny(all, Task.Delay(10));
        }

        var results = await all;
        Assert.That(results.Select(r => r.ExitCode), Is.All.Zero, string.Join("\n---\n", results.Select(r => r.Output)));
        Assert.That(results.Select(r => r.Output), Has.None.Contains("FB1009").And.None.Contains("database is locked"));
        Assert.That((prunes, removed), Is.Not.EqualTo((0, 0)), "no prune ran beside the builds");
        TestContext.Out.WriteLine($"{prunes} prunes removed content {removed} times; {Enumerable.Range(0, 3).Sum(i => _server.RequestCount($"g{i}.bin"))} requests");
        for (var p = 0; p < 16; p++)
        {
            for (var i = 0; i < Contents.Length; i++)
            {
                Assert.That(File.ReadAllBytes(_root.Combine($"p{p}", "fetched", $"g{i}.bin")), Is.EqualTo(Contents[i]), $"p{p} g{i}");
            }
        }

        AssertCacheConsistent(cache, expectedReady: null);
    }

    [TestCase(20251123)]
    public async Task KilledAtAnyStep_NextRunCompletes_AndNoReadyRowPointsAtBadData(int seed)
    {
        var random = new Random(seed);
        string[] points = ["mid-download", "after-blob-commit", "after-blob-record", "after-placement"];
        for (var round = 0; round < 8; round++)
        {
            // Every step twice, once with a declared digest and once without; the seed picks where a download dies.
            var point = points[round % points.Length];
            var cache = _root.Combine($"cache{round}");
            var project = Directory.CreateDirectory(_root.Combine($"k{round}")).FullName;
            var specs = Specs(declareDigest: round < points.Length).Take(1).ToList();

            if (point == "mid-download")
            {
                await KillMidDownloadAsync(cache, project, specs, minimumBytes: random.Next(1, 500_000));
            }
            else
            {
                var killed = await CacheHostProcess.RunAsync(cache, project, specs, killAt: point);
                Assert.That(killed.ExitCode, Is.Not.Zero, $"round {round}: the process was meant to die at {point}\n{killed.Output}");
            }

            var next = await CacheHostProcess.RunAsync(cache, project, specs);

            Assert.That(next.ExitCode, Is.Zero, $"round {round} after {point}:\n{next.Output}");
            Assert.That(File.ReadAllBytes(Path.Combine(project, "fetched", "f0.bin")), Is.EqualTo(Contents[0]), $"round {round} after {point}");
            AssertCacheConsistent(cache, expectedReady: 1);
        }
    }

    private async Task KillMidDownloadAsync(string cache, string project, IReadOnlyList<string> specs, int minimumBytes)
    {
        using var process = CacheHostProcess.Start(cache, project, specs);
        var partials = Path.Combine(cache, "partial");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Wait for the condition (bytes on disk), not for a time.
        while (!process.HasExited && !(Directory.Exists(partials) && Directory.EnumerateFiles(partials, "*.part").Any(f => new FileInfo(f).Length >= minimumBytes)))
        {
            await Task.Delay(5, deadline.Token);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(deadline.Token);
    }

    private IEnumerable<string> Specs(bool declareDigest) =>
        Contents.Select((content, i) => $"{_server.Url($"f{i}.bin").AbsoluteUri}|{(declareDigest ? TestData.Sha256(content) : string.Empty)}");

    private static void AssertCacheConsistent(string cache, int? expectedReady)
    {
        var layout = new CacheLayout(cache);
        var store = new ContentStore(layout);
        using var registry = CacheRegistry.Open(layout, store, TimeProvider.System, warning => Assert.Fail(warning));
        var ready = registry.ReadyContent();
        Assert.That(registry.CountByStatus().GetValueOrDefault(EntryStatus.Write), Is.Zero, "a WRITE row survived a completed run");
        if (expectedReady is { } count)
        {
            Assert.That(ready, Has.Count.EqualTo(count));
        }

        foreach (var sha in ready)
        {
            // design.md's order: a READY row is written after its blob's row, on every path.
            Assert.That(registry.HasBlob(sha), Is.True, $"READY content {sha} has no blobs row");
            using var stream = File.OpenRead(store.PathOf(sha));
            Assert.That(Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant(), Is.EqualTo(sha));
        }
    }
}

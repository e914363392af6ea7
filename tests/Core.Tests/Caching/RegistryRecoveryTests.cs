using Fetch.Build.Core.Caching;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Caching;

/// <summary>The registry in states a build did not leave it in: its WAL deleted under a live build.</summary>
public sealed class RegistryRecoveryTests
{
    private static readonly byte[] Slow = TestData.Bytes(300_000, 5);
    private static readonly byte[] Quick = TestData.Bytes(50_000, 6);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackServer _server = null!;
    private TempDirectory _root = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _server = await LoopbackServer.StartAsync();
        _server.Handle("slow.bin", async (context, _) =>
        {
            context.Response.ContentLength = Slow.Length;
            await context.Response.Body.WriteAsync(Slow.AsMemory(0, 1000));
            await context.Response.Body.FlushAsync();
            await _release.Task;
            await context.Response.Body.WriteAsync(Slow.AsMemory(1000));
        });
        _server.Serve("quick.bin", Quick);
        _root = new TempDirectory("fetch-registry");
    }

    [TearDown]
    public async Task StopAsync()
    {
        _release.TrySetResult();
        await _server.DisposeAsync();
        _root.Dispose();
    }

    [Test]
    public async Task Open_WalDeletedUnderALiveBuild_AnotherBuildRecoversWithFB1009AndBothSucceed()
    {
        var cache = _root.Combine("cache");
        var layout = new CacheLayout(cache);
        using var live = CacheHostProcess.Start(cache, Directory.CreateDirectory(_root.Combine("a")).FullName, [Spec("slow.bin", Slow)]);
        await WaitForAsync(() => Directory.Exists(layout.PartialFolder) && Directory.EnumerateFiles(layout.PartialFolder, "*.part").Any(f => new FileInfo(f).Length >= 1000));
        var wal = layout.RegistryPath + "-wal";
        Assert.That(File.Exists(wal), Is.True, "the live build holds the registry open in WAL mode");

        File.Delete(wal);
        var other = await CacheHostProcess.RunAsync(cache, Directory.CreateDirectory(_root.Combine("b")).FullName, [Spec("quick.bin", Quick)]);
        _release.SetResult();
        var liveOutput = await live.StandardOutput.ReadToEndAsync();
        await live.WaitForExitAsync();

        Assert.Multiple(() =>
        {
            Assert.That(other.ExitCode, Is.Zero, other.Output);
            Assert.That(other.Output, Does.Contain("FB1009: the cache registry").And.Not.Contain("FB1007"));
            Assert.That(live.ExitCode, Is.Zero, liveOutput);
        });
        Assert.That(File.ReadAllBytes(_root.Combine("b", "fetched", "quick.bin")), Is.EqualTo(Quick));
        Assert.That(File.ReadAllBytes(_root.Combine("a", "fetched", "slow.bin")), Is.EqualTo(Slow));
    }

    private string Spec(string path, byte[] content) => $"{_server.Url(path).AbsoluteUri}|{TestData.Sha256(content)}";

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}

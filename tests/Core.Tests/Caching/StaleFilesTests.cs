using Fetch.Build.Core.Caching;

namespace Fetch.Build.Core.Tests.Caching;

public sealed class StaleFilesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Test]
    public async Task Sweep_OldPartialsAndTemps_AreRemovedAndFreshOrLockedOnesKept()
    {
        using var cache = new TestCache();
        var layout = cache.Layout;
        var old = Write(layout.PartialPath("old"), 1000, Now.AddDays(-2));
        var oldState = Write(layout.PartialPath("old") + ".meta", 10, Now.AddDays(-2));
        var fresh = Write(layout.PartialPath("fresh"), 500, Now.AddHours(-1));
        var running = Write(layout.PartialPath("running"), 700, Now.AddDays(-3));
        var temp = Directory.CreateDirectory(Path.Combine(layout.TreeFolder, ".abc.1.fetch-tmp"));
        Write(Path.Combine(temp.FullName, "half.bin"), 300, Now.AddDays(-2));
        Directory.SetLastWriteTimeUtc(temp.FullName, Now.AddDays(-2).UtcDateTime);
        using var live = await cache.Context.LockAsync("url-running", CancellationToken.None);

        var freed = StaleFiles.Sweep(layout, Now);

        Assert.That((File.Exists(old), File.Exists(oldState), Directory.Exists(temp.FullName)), Is.EqualTo((false, false, false)));
        Assert.That((File.Exists(fresh), File.Exists(running)), Is.EqualTo((true, true)));
        Assert.That(freed, Is.EqualTo(1000 + 10 + 300));
    }

    private static string Write(string path, int size, DateTimeOffset written)
    {
        File.WriteAllBytes(path, new byte[size]);
        File.SetLastWriteTimeUtc(path, written.UtcDateTime);
        return path;
    }
}

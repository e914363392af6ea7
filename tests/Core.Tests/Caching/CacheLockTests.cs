using Fetch.Build.Core.Caching;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Caching;

public sealed class CacheLockTests
{
    [Test]
    public async Task AcquireAsync_WhileHeld_WaitsUntilReleased()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("a.lock");
        var first = await CacheLock.AcquireAsync(path, CancellationToken.None);

        Assert.That(CacheLock.TryAcquire(path), Is.Null);
        var second = CacheLock.AcquireAsync(path, CancellationToken.None);
        Assert.That(second.IsCompleted, Is.False);

        first.Dispose();
        using var acquired = await second;
        Assert.That(acquired, Is.Not.Null);
    }

    [Test]
    public void AcquireAsync_Cancelled_Throws()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("a.lock");
        using var held = CacheLock.TryAcquire(path);
        using var cancel = new CancellationTokenSource();
        var waiting = CacheLock.AcquireAsync(path, cancel.Token);

        cancel.Cancel();

        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task TryAcquire_WhileHeldShared_FailsButAnotherSharedHolderGetsIt()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("blob-x.lock");
        using var building = await CacheLock.AcquireSharedAsync(path, CancellationToken.None);

        using var otherBuild = CacheLock.TryAcquireShared(path);
        Assert.That(otherBuild, Is.Not.Null);
        Assert.That(CacheLock.TryAcquire(path), Is.Null);
    }

    [Test]
    public async Task AcquireSharedAsync_WhileHeldExclusively_WaitsUntilReleased()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("blob-x.lock");
        var pruning = CacheLock.TryAcquire(path)!;

        var building = CacheLock.AcquireSharedAsync(path, CancellationToken.None);
        Assert.That(building.IsCompleted, Is.False);

        pruning.Dispose();
        using var held = await building;
        Assert.That(CacheLock.TryAcquire(path), Is.Null);
    }
}

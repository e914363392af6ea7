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
}

using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Http;
using Fetch.Build.TestSupport;

namespace Fetch.Build.Core.Tests.Caching;

public sealed class RegistryHostRateGateTests
{
    [Test]
    public void Block_InOneProcess_IsSeenByAnotherRegistryConnection()
    {
        using var folder = new TempDirectory();
        var layout = new CacheLayout(folder.Path);
        layout.EnsureFolders();
        var store = new ContentStore(layout);
        using var first = CacheRegistry.Open(layout, store, TimeProvider.System, _ => { });
        using var second = CacheRegistry.Open(layout, store, TimeProvider.System, _ => { });
        var until = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60_000);

        new RegistryHostRateGate(first, new HostRateGate()).Block("zenodo.org:443", until);
        var other = new RegistryHostRateGate(second, new HostRateGate());

        Assert.That(other.BlockedUntil("zenodo.org:443"), Is.EqualTo(until));
        Assert.That(other.BlockedUntil("github.com:443"), Is.Null);
    }

    [Test]
    public void Block_EarlierThanRecorded_KeepsTheLaterMoment()
    {
        using var folder = new TempDirectory();
        var layout = new CacheLayout(folder.Path);
        layout.EnsureFolders();
        using var registry = CacheRegistry.Open(layout, new ContentStore(layout), TimeProvider.System, _ => { });
        var gate = new RegistryHostRateGate(registry, new HostRateGate());
        var later = DateTimeOffset.FromUnixTimeMilliseconds(2_000_000_000_000);

        gate.Block("h:80", later);
        gate.Block("h:80", later.AddMinutes(-5));

        Assert.That(new RegistryHostRateGate(registry, new HostRateGate()).BlockedUntil("h:80"), Is.EqualTo(later));
    }
}

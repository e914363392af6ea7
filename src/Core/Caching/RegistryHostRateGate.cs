using Fetch.Build.Core.Http;

namespace Fetch.Build.Core.Caching;

/// <summary>
/// A host's rate budget shared by every build on the machine: waits a server asked for are kept
/// in memory for this process and in the registry for the others.
/// </summary>
internal sealed class RegistryHostRateGate : IHostRateGate
{
    private readonly IHostRateGate _local;
    private readonly CacheRegistry _registry;

    public RegistryHostRateGate(CacheRegistry registry, IHostRateGate local)
    {
        _registry = registry;
        _local = local;
    }

    public DateTimeOffset? BlockedUntil(string host)
    {
        var local = _local.BlockedUntil(host);
        var shared = _registry.HostBlockedUntil(host);
        return local is null ? shared : shared is null ? local : (local > shared ? local : shared);
    }

    public void Block(string host, DateTimeOffset until)
    {
        _local.Block(host, until);
        _registry.BlockHost(host, until);
    }
}

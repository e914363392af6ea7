using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Hosts;

/// <summary>
/// Where the hosts that publish digests live. Read from the environment once; tests point a host
/// at their loopback server.
/// </summary>
internal sealed record HostEndpoints
{
    /// <summary>Hosts whose record URLs get their checksum from the Zenodo files API.</summary>
    public IReadOnlyList<string> ZenodoHosts { get; init; } = ["zenodo.org", "sandbox.zenodo.org"];

    public static HostEndpoints From(FetchEnvironment environment)
    {
        _ = environment;
        return new HostEndpoints();
    }
}

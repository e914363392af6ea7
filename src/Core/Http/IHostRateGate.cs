namespace Fetch.Build.Core.Http;

/// <summary>
/// The rate budget of a host, shared by every download that talks to it: when one is told to
/// wait, the others hold back too instead of each spending a request to learn the same thing.
/// The in-memory <see cref="HostRateGate"/> shares within a process; a registry-backed one can
/// share across builds on the machine.
/// </summary>
internal interface IHostRateGate
{
    /// <summary>The moment before which nothing should be sent to <paramref name="host"/>, or null.</summary>
    DateTimeOffset? BlockedUntil(string host);

    /// <summary>Records that <paramref name="host"/> asked for quiet until <paramref name="until"/>; a later block wins.</summary>
    void Block(string host, DateTimeOffset until);
}

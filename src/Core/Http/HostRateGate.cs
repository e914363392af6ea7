using System.Collections.Concurrent;

namespace Fetch.Build.Core.Http;

/// <summary>In-memory <see cref="IHostRateGate"/>. <see cref="Shared"/> spans every build in this process (an MSBuild node runs many).</summary>
internal sealed class HostRateGate : IHostRateGate
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _blocks = new(StringComparer.OrdinalIgnoreCase);

    public static HostRateGate Shared { get; } = new();

    /// <summary>The key under which a URL's host is throttled: host and port, as servers count per endpoint.</summary>
    public static string HostKey(Uri uri) => uri.IdnHost + ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public DateTimeOffset? BlockedUntil(string host) => _blocks.TryGetValue(host, out var until) ? until : null;

    public void Block(string host, DateTimeOffset until) =>
        _blocks.AddOrUpdate(host, until, (_, existing) => existing > until ? existing : until);
}

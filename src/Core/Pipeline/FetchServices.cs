using Fetch.Build.Core.Hosts;
using Fetch.Build.Core.Http;
using Fetch.Build.Core.Resolution;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// What a run is given besides its options: the environment (read once), the clock, the HTTP
/// handler, the in-process rate gate, the host endpoints and the test-only crash switch. The edges
/// (the task, the tool, the library) build it with <see cref="ForProcess"/>; tests build their own.
/// </summary>
internal sealed record FetchServices
{
    public required FetchEnvironment Environment { get; init; }

    /// <summary>
    /// Rate limits a server announced, kept for every run in this process: an MSBuild node runs
    /// many builds, and each should hold back from a host another was told to leave alone.
    /// </summary>
    public required IHostRateGate ProcessRateGate { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The HTTP handler; null for the real one. Tests inject one that trusts their certificate.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    public HostEndpoints Hosts { get; init; } = new();

    public CrashPoints Crash { get; init; } = CrashPoints.None;

    /// <summary>The services of this process as it runs: its environment, the process-wide rate gate, the real clock.</summary>
    public static FetchServices ForProcess(FetchEnvironment environment) => new()
    {
        Environment = environment,
        ProcessRateGate = HostRateGate.Shared,
        Hosts = HostEndpoints.From(environment),
        Crash = CrashPoints.From(environment),
    };
}

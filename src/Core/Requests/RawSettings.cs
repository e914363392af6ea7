namespace Fetch.Build.Core.Requests;

/// <summary>The Fetch* properties as MSBuild gives them, unparsed; empty means "default".</summary>
public sealed record RawSettings
{
    public string? CacheDirectory { get; init; }
    public string? Offline { get; init; }
    public string? RequireHash { get; init; }
    public string? MaxParallelDownloads { get; init; }
    public string? RetryCount { get; init; }
    public string? TimeoutSeconds { get; init; }
    public string? MaxRetryDelaySeconds { get; init; }
    public string? MaxExtractedBytes { get; init; }
    public string? LinkMode { get; init; }
    public string? DesignTimeBuild { get; init; }

    /// <summary>Folder relative DestinationFolder values are resolved against (the project folder).</summary>
    public string ProjectDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The project's record of what it placed (in obj/), for no-op builds that never open the cache; none when null.</summary>
    public string? StateFile { get; init; }

    /// <summary>Tests only: hosts treated as Zenodo (default zenodo.org and its sandbox).</summary>
    internal IReadOnlyList<string>? ZenodoHosts { get; init; }

    /// <summary>DestinationFolder when an item gives none ($(BaseIntermediateOutputPath)fetch/).</summary>
    public string DefaultDestinationFolder { get; init; } = "obj/fetch";
}

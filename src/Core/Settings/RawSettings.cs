namespace Fetch.Build.Core.Settings;

/// <summary>
/// The Fetch* properties and the build's context as MSBuild gives them, unparsed. A property
/// that is missing or blank means "its environment variable, else its default".
/// </summary>
internal sealed record RawSettings
{
    private static readonly IReadOnlyDictionary<string, string?> NoProperties = new Dictionary<string, string?>();

    /// <summary>Fetch* property values by property name (<c>FetchRetryCount</c>…), compared ignoring case as MSBuild does.</summary>
    public IReadOnlyDictionary<string, string?> Properties { get; init; } = NoProperties;

    /// <summary>MSBuild's DesignTimeBuild: an IDE build, which never downloads.</summary>
    public string? DesignTimeBuild { get; init; }

    /// <summary>Folder relative DestinationFolder values are resolved against (the project folder).</summary>
    public string ProjectDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The project's record of what it placed (in obj/), for no-op builds that never open the cache; none when null.</summary>
    public string? StateFile { get; init; }

    /// <summary>DestinationFolder when an item gives none ($(BaseIntermediateOutputPath)fetch/).</summary>
    public string DefaultDestinationFolder { get; init; } = "obj/fetch";

    /// <summary>A copy with <paramref name="property"/> set to <paramref name="value"/>.</summary>
    public RawSettings With(string property, string? value)
    {
        var properties = new Dictionary<string, string?>(Properties, StringComparer.OrdinalIgnoreCase) { [property] = value };
        return this with { Properties = properties };
    }
}

using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Settings;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace Fetch.Build.Tasks;

/// <summary>
/// The FetchArtifacts target's task: DownloadArtifact items and Fetch* properties in, Core run,
/// FetchedArtifact / FetchedArtifactFile items and coded messages out. No logic of its own.
/// </summary>
public sealed class ResolveDownloadArtifacts : MSBuildTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    [Required]
    public ITaskItem[] Artifacts { get; set; } = [];

    /// <summary>The Fetch* properties: the item is the property's name, <c>Value</c> its value (empty for the default).</summary>
    public ITaskItem[] Settings { get; set; } = [];

    public string? DesignTimeBuild { get; set; }

    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>The project's record of what it placed, so a no-op build need not open the cache.</summary>
    public string? StateFile { get; set; }

    /// <summary>The consumer's project file, where diagnostics point.</summary>
    public string? ProjectFile { get; set; }

    [Required]
    public string DefaultDestinationFolder { get; set; } = string.Empty;

    [Output]
    public ITaskItem[] FetchedArtifacts { get; private set; } = [];

    [Output]
    public ITaskItem[] FetchedArtifactFiles { get; private set; } = [];

    public void Cancel() => _cancellation.Cancel();

    public override bool Execute()
    {
        var artifacts = Artifacts.Select(ToRawArtifact).ToList();
        var properties = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in Settings)
        {
            properties[setting.ItemSpec] = setting.GetMetadata("Value");
        }

        var settings = new RawSettings
        {
            Properties = properties,
            DesignTimeBuild = DesignTimeBuild,
            StateFile = StateFile,
            ProjectDirectory = ProjectDirectory,
            DefaultDestinationFolder = DefaultDestinationFolder,
        };

        var log = new TaskLog(Log, ProjectFile, BuildEngine);
        try
        {
            var outcome = ArtifactFetcher.RunAsync(artifacts, settings, log, _cancellation.Token).GetAwaiter().GetResult();
            FetchedArtifacts = outcome.Artifacts.Select(ItemMapping.ToArtifactItem).ToArray();
            FetchedArtifactFiles = outcome.Artifacts.SelectMany(ItemMapping.ToFileItems).ToArray();
            return outcome.Succeeded && !Log.HasLoggedErrors;
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            Log.LogMessage(MessageImportance.High, "Fetch.Build: cancelled; partial downloads are kept for the next build.");
            return false;
        }
        finally
        {
            log.Close();
        }
    }

    private static RawArtifact ToRawArtifact(ITaskItem item)
    {
        // Custom metadata only: well-known metadata (FullPath, Filename…) means nothing for a URL.
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry entry in item.CloneCustomMetadata())
        {
            metadata[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        // URLs as written: ItemSpec and GetMetadata have every %XX decoded, byte by byte (MSBuildText).
        if (item is not ITaskItem2 escaped)
        {
            return new RawArtifact(item.ItemSpec, metadata);
        }

        if (metadata.ContainsKey(MetadataNames.Mirrors))
        {
            metadata[MetadataNames.Mirrors] = MSBuildText.UrlFromEscaped(escaped.GetMetadataValueEscaped(MetadataNames.Mirrors));
        }

        return new RawArtifact(MSBuildText.UrlFromEscaped(escaped.EvaluatedIncludeEscaped), metadata);
    }
}

using System.Globalization;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Fetch.Build.Tasks;

/// <summary>
/// Core results → the output items and metadata of SPEC §4. Specs and values are handed to MSBuild
/// as literals: it would otherwise unescape a URL's %C3%A9, or split a file name at ';'.
/// </summary>
internal static class ItemMapping
{
    public static ITaskItem ToArtifactItem(FetchedArtifact artifact)
    {
        var item = new TaskItem(MSBuildText.Escape(artifact.Path));
        Literal(item, "SourceUrl", artifact.SourceUrl);
        Literal(item, "Sha256", artifact.Sha256);
        Literal(item, "Size", artifact.Size.ToString(CultureInfo.InvariantCulture));
        Literal(item, "FromCache", artifact.FromCache ? "true" : "false");
        Literal(item, "Extracted", artifact.Extracted ? "true" : "false");
        return item;
    }

    public static IEnumerable<ITaskItem> ToFileItems(FetchedArtifact artifact) => artifact.Files.Select(file =>
    {
        var item = new TaskItem(MSBuildText.Escape(file.FullPath));
        Literal(item, "SourceUrl", artifact.SourceUrl);
        Literal(item, "RelativePath", file.RelativePath);
        if (artifact.CopyToOutputDirectory is { } copy)
        {
            // Read by the targets, which add these files to None so they reach bin/ and publish.
            Literal(item, "CopyToOutputDirectory", copy);
            Literal(item, "Link", file.Link);
        }

        return (ITaskItem)item;
    });

    /// <summary>TaskItem keeps metadata in MSBuild's escaped form, as it does the spec.</summary>
    private static void Literal(TaskItem item, string name, string value) => item.SetMetadata(name, MSBuildText.Escape(value));
}

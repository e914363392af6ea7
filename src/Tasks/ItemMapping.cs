using System.Globalization;
using Fetch.Build.Core.Pipeline;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Fetch.Build.Tasks;

/// <summary>Core results → the output items and metadata of SPEC §4.</summary>
internal static class ItemMapping
{
    public static ITaskItem ToArtifactItem(FetchedArtifact artifact)
    {
        var item = new TaskItem(artifact.Path);
        item.SetMetadata("SourceUrl", artifact.SourceUrl);
        item.SetMetadata("Sha256", artifact.Sha256);
        item.SetMetadata("Size", artifact.Size.ToString(CultureInfo.InvariantCulture));
        item.SetMetadata("FromCache", artifact.FromCache ? "true" : "false");
        item.SetMetadata("Extracted", artifact.Extracted ? "true" : "false");
        return item;
    }

    public static IEnumerable<ITaskItem> ToFileItems(FetchedArtifact artifact) => artifact.Files.Select(file =>
    {
        var item = new TaskItem(file.FullPath);
        item.SetMetadata("SourceUrl", artifact.SourceUrl);
        item.SetMetadata("RelativePath", file.RelativePath);
        if (artifact.CopyToOutputDirectory is { } copy)
        {
            // Read by the targets, which add these files to None so they reach bin/ and publish.
            item.SetMetadata("CopyToOutputDirectory", copy);
            item.SetMetadata("Link", file.Link);
        }

        return (ITaskItem)item;
    });
}

using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace Fetch.Build.Bench;

/// <summary>Takes items and hands them back, from an assembly of its own, as ResolveDownloadArtifacts does with less work.</summary>
public sealed class NoopTask : MSBuildTask
{
    [Required]
    public ITaskItem[] Items { get; set; } = [];

    [Output]
    public ITaskItem[] Result { get; private set; } = [];

    public override bool Execute()
    {
        Result = Items;
        return true;
    }
}

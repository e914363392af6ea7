namespace Fetch.Build.Core.ProjectFiles;

/// <summary>What <see cref="ArtifactItemEditor"/> did to a project file.</summary>
internal enum ItemChange
{
    Added,
    Updated,
    Unchanged,
}

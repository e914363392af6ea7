using Fetch.Build.Core.Pinning;

namespace Fetch.Build.Core.Pipeline;

/// <summary>The project's state file as read: what each destination holds, and what the last build left of the lock file.</summary>
internal sealed record ProjectState(Dictionary<string, PlacedArtifact> Placements, LockRecord? Lock)
{
    /// <summary>No state file, or one this version cannot read: the full path decides everything.</summary>
    public static ProjectState None => new(new Dictionary<string, PlacedArtifact>(StringComparer.Ordinal), null);
}

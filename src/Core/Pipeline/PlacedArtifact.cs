using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Pipeline;

/// <summary>What one artifact's destination holds after a build: the placement, the artifact size, and the tree's files.</summary>
internal sealed record PlacedArtifact(PlacementRecord Placement, long ArtifactSize, IReadOnlyList<ExtractedFile>? Tree);

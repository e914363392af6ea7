using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pinning;

/// <summary>What a run resolved, index by index: each request, what it placed (null where it failed or was not asked) and its log.</summary>
internal sealed record RunResults(IReadOnlyList<ArtifactRequest> Requests, IReadOnlyList<FetchedArtifact?> Fetched, IReadOnlyList<IFetchLog> Logs);

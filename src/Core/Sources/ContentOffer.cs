using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Sources;

/// <summary>Verified content in the cache, offered to a sink: its digest, size and blob, which source gave it, and the artifact's log.</summary>
internal sealed record ContentOffer(ArtifactRequest Request, string Sha256, long Size, string BlobPath, IContentSource From, IFetchLog Log);

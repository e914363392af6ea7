using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Digests;

/// <summary>The digests written on the item (Sha256, Sha512, Md5, Integrity): always asked first.</summary>
internal sealed class DeclaredDigests : IDigestSource
{
    public const string Origin = "declared on the item";

    public bool IsRemote => false;

    public static PinnedDigests? Of(ArtifactRequest request) => request.Digests.Count > 0 ? new PinnedDigests(request.Digests, Origin) : null;

    public Task<PinnedDigests?> FindAsync(ArtifactRequest request, CancellationToken cancellationToken) => Task.FromResult(Of(request));
}

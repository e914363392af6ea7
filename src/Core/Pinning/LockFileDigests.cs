using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Integrity;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pinning;

/// <summary>
/// The lock file as a source of expected digests: local (no request), asked after the item's own,
/// so an item's digest always wins. FB1001 then names the lock file as where the digest came from.
/// </summary>
internal sealed class LockFileDigests : IDigestSource
{
    private readonly Pins _pins;
    private readonly string _origin;

    public LockFileDigests(Pins pins)
    {
        _pins = pins;
        _origin = $"recorded in the lock file '{pins.LockPath}'";
    }

    public bool IsRemote => false;

    public Task<PinnedDigests?> FindAsync(ArtifactRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(_pins.EntryOf(request) is { } entry
            ? new PinnedDigests([new ExpectedDigest(DigestAlgorithm.Sha256, entry.Sha256)], _origin)
            : null);
}

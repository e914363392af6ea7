using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Digests;

/// <summary>
/// What the bytes of an artifact must hash to, and who said so (<see cref="Origin"/> reads in a
/// sentence: "declared on the item", "listed by the Zenodo record"), so that FB1001 can name it.
/// </summary>
internal sealed record PinnedDigests(IReadOnlyList<ExpectedDigest> Digests, string Origin)
{
    /// <summary>What else the source said about the bytes, for the log: the commit a Hugging Face revision resolved to.</summary>
    public string? Detail { get; init; }

    /// <summary>The SHA-256 among them, the content's address in the cache, if one is known.</summary>
    public string? Sha256
    {
        get
        {
            foreach (var digest in Digests)
            {
                if (digest.Algorithm == DigestAlgorithm.Sha256)
                {
                    return digest.Hex;
                }
            }

            return null;
        }
    }
}

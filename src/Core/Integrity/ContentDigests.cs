namespace Fetch.Build.Core.Integrity;

/// <summary>The digests of some content as computed, lower-case hex, SHA-256 always present.</summary>
internal sealed class ContentDigests
{
    private readonly IReadOnlyDictionary<DigestAlgorithm, string> _values;

    public ContentDigests(IReadOnlyDictionary<DigestAlgorithm, string> values, long length)
    {
        _values = values;
        Length = length;
    }

    public long Length { get; }

    public string Sha256 => _values[DigestAlgorithm.Sha256];

    public IEnumerable<KeyValuePair<DigestAlgorithm, string>> All => _values;

    public string? Get(DigestAlgorithm algorithm) => _values.TryGetValue(algorithm, out var value) ? value : null;

    /// <summary>The first declared digest that the content does not match, or null when all match.</summary>
    public ExpectedDigest? FirstMismatch(IEnumerable<ExpectedDigest> expected) =>
        expected.FirstOrDefault(e => !string.Equals(Get(e.Algorithm), e.Hex, StringComparison.Ordinal));
}

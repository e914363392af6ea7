using System.Security.Cryptography;

namespace Fetch.Build.Core.Integrity;

/// <summary>
/// Hashes bytes as they stream past: always SHA-256 (the cache key), plus every algorithm the
/// user declared. One pass, no second read of the file.
/// </summary>
internal sealed class ContentHasher : IDisposable
{
    private readonly Dictionary<DigestAlgorithm, IncrementalHash> _hashes = new();

    public ContentHasher(IEnumerable<DigestAlgorithm> algorithms)
    {
        foreach (var algorithm in algorithms.Append(DigestAlgorithm.Sha256).Distinct())
        {
            _hashes[algorithm] = IncrementalHash.CreateHash(algorithm.HashName());
        }
    }

    public long Length { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        foreach (var hash in _hashes.Values)
        {
            hash.AppendData(data);
        }

        Length += data.Length;
    }

    /// <summary>Forgets everything appended so far (a download restarted from byte 0).</summary>
    public void Reset()
    {
        foreach (var hash in _hashes.Values)
        {
            // GetHashAndReset is the only public reset.
            hash.GetHashAndReset();
        }

        Length = 0;
    }

    /// <summary>The digests of what was appended so far, which may go on: a source's bytes checked before the next is tried.</summary>
    public ContentDigests Current()
    {
        var values = _hashes.ToDictionary(kv => kv.Key, kv => Convert.ToHexString(kv.Value.GetCurrentHash()).ToLowerInvariant());
        return new ContentDigests(values, Length);
    }

    /// <summary>Finishes the hashes. Lower-case hex per algorithm.</summary>
    public ContentDigests Finish()
    {
        var values = _hashes.ToDictionary(kv => kv.Key, kv => Convert.ToHexString(kv.Value.GetHashAndReset()).ToLowerInvariant());
        var result = new ContentDigests(values, Length);
        Length = 0;
        return result;
    }

    public void Dispose()
    {
        foreach (var hash in _hashes.Values)
        {
            hash.Dispose();
        }
    }
}

using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Hosts;

/// <summary>How hosts write the digests they publish: <c>sha256:&lt;hex&gt;</c> (GitHub, Zenodo) or bare hex (checksum files).</summary>
internal static class PublishedDigest
{
    /// <summary>
    /// <c>&lt;algorithm&gt;:&lt;hex&gt;</c>, or bare hex read as <paramref name="bare"/> (null: refused).
    /// Null for an algorithm Fetch.Build does not verify, or hex of the wrong length.
    /// </summary>
    public static ExpectedDigest? Prefixed(string text, DigestAlgorithm? bare)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var algorithm = colon < 0 ? bare : Algorithm(text[..colon]);
        return algorithm is { } known ? DigestParser.ParseHex(known, colon < 0 ? text : text[(colon + 1)..], out _) : null;
    }

    /// <summary>Bare hex, its algorithm told by its length: MD5, SHA-256 or SHA-512. Null for anything else (SHA-1 included).</summary>
    public static ExpectedDigest? Hex(string hex)
    {
        DigestAlgorithm? algorithm = hex.Length switch
        {
            32 => DigestAlgorithm.Md5,
            64 => DigestAlgorithm.Sha256,
            128 => DigestAlgorithm.Sha512,
            _ => null,
        };
        return algorithm is { } known ? DigestParser.ParseHex(known, hex, out _) : null;
    }

    private static DigestAlgorithm? Algorithm(string name) => name.Trim().ToLowerInvariant() switch
    {
        "md5" => DigestAlgorithm.Md5,
        "sha256" => DigestAlgorithm.Sha256,
        "sha512" => DigestAlgorithm.Sha512,
        _ => null,
    };
}

using System.Security.Cryptography;

namespace Fetch.Build.Core.Integrity;

internal static class DigestAlgorithms
{
    public static string DisplayName(this DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => "MD5",
        DigestAlgorithm.Sha256 => "SHA-256",
        DigestAlgorithm.Sha384 => "SHA-384",
        DigestAlgorithm.Sha512 => "SHA-512",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Length of the digest in bytes.</summary>
    public static int Length(this DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => 16,
        DigestAlgorithm.Sha256 => 32,
        DigestAlgorithm.Sha384 => 48,
        DigestAlgorithm.Sha512 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static HashAlgorithmName HashName(this DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => HashAlgorithmName.MD5,
        DigestAlgorithm.Sha256 => HashAlgorithmName.SHA256,
        DigestAlgorithm.Sha384 => HashAlgorithmName.SHA384,
        DigestAlgorithm.Sha512 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };
}

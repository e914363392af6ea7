using System.Security.Cryptography;

namespace Fetch.Build.TestSupport;

/// <summary>Deterministic content and its digests.</summary>
public static class TestData
{
    public static byte[] Bytes(int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(byte[] content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

    public static string Sha512(byte[] content) => Convert.ToHexString(SHA512.HashData(content)).ToLowerInvariant();

#pragma warning disable CA5351 // MD5 is a digest users declare, not our security.
    public static string Md5(byte[] content) => Convert.ToHexString(MD5.HashData(content)).ToLowerInvariant();
#pragma warning restore CA5351
}

using System.Security.Cryptography;

namespace Fetch.Build.Core.Placement;

/// <summary>Copies a file while hashing it, so verification costs no second read.</summary>
internal static class VerifiedCopy
{
    private const int BufferSize = 1 << 20;

    /// <summary>Copies <paramref name="source"/> to the new file <paramref name="target"/>; returns the SHA-256 (lower-case hex) of what was copied.</summary>
    public static string Copy(string source, string target, CancellationToken cancellationToken)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash.AppendData(buffer, 0, read);
            output.Write(buffer, 0, read);
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>SHA-256 of a file, for judging a file Fetch.Build did not place.</summary>
    public static string HashFile(string path)
    {
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return Convert.ToHexString(SHA256.HashData(input)).ToLowerInvariant();
    }
}

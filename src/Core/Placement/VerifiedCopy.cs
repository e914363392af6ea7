using System.Security.Cryptography;

namespace Fetch.Build.Core.Placement;

/// <summary>Copies a file while hashing it, so verification costs no second read.</summary>
internal static class VerifiedCopy
{
    private const int BufferSize = 4 << 20;

    /// <summary>
    /// Copies <paramref name="source"/> to the new file <paramref name="target"/>; returns the
    /// SHA-256 (lower-case hex) of what was copied. Hashing a chunk runs on another core while the
    /// chunk is written and the next one read, so the copy costs about the longer of the two, not their sum.
    /// </summary>
    public static string Copy(string source, string target, CancellationToken cancellationToken)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[][] buffers = [new byte[BufferSize], new byte[BufferSize]];
        var hashing = Task.CompletedTask;
        var current = 0;
        var read = input.Read(buffers[current]);
        while (read > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The other buffer is refilled below: its hash must be done first.
            hashing.GetAwaiter().GetResult();
            var chunk = buffers[current];
            var length = read;
            hashing = Task.Run(() => hash.AppendData(chunk, 0, length), cancellationToken);
            output.Write(chunk, 0, length);
            current ^= 1;
            read = input.Read(buffers[current]);
        }

        hashing.GetAwaiter().GetResult();
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>SHA-256 of a file, for judging a file Fetch.Build did not place.</summary>
    public static string HashFile(string path)
    {
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return Convert.ToHexString(SHA256.HashData(input)).ToLowerInvariant();
    }
}

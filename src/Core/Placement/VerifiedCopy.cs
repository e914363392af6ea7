using System.Security.Cryptography;

namespace Fetch.Build.Core.Placement;

/// <summary>Copies a file while hashing it, so verification costs no second read.</summary>
internal static class VerifiedCopy
{
    private const int BufferSize = 4 << 20;

    /// <summary>
    /// Copies <paramref name="source"/> to the new file <paramref name="target"/>; returns the
    /// SHA-256 (lower-case hex) of what was copied. A thread of its own hashes each chunk while
    /// this one writes it and reads the next, so the copy costs about the longer of the two, not
    /// their sum. (A dedicated thread, not the pool: inside MSBuild the pool is often busy.)
    /// </summary>
    public static string Copy(string source, string target, CancellationToken cancellationToken)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        using var hasher = new ChunkHasher();
        byte[][] buffers = [new byte[BufferSize], new byte[BufferSize]];
        var current = 0;
        var read = input.Read(buffers[current]);
        while (read > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Begin waits until the previous chunk is hashed, so the buffer read into next is free.
            hasher.Begin(buffers[current], read);
            output.Write(buffers[current], 0, read);
            current ^= 1;
            read = input.Read(buffers[current]);
        }

        return hasher.Finish();
    }

    /// <summary>SHA-256 of a file, for judging a file Fetch.Build did not place.</summary>
    public static string HashFile(string path)
    {
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return Convert.ToHexString(SHA256.HashData(input)).ToLowerInvariant();
    }
}

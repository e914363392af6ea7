using System.Buffers;
using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Http;

/// <summary>Reads a <c>file://</c> source into the partial file, hashing as it copies.</summary>
internal static class FileSource
{
    private const int BufferSize = 1 << 20;

    public static async Task<DownloadResult> CopyAsync(Uri source, string partialPath, ContentHasher hasher, CancellationToken cancellationToken)
    {
        var path = source.LocalPath;
        if (!File.Exists(path))
        {
            throw AttemptFailedException.Permanent($"the file '{path}' does not exist");
        }

        hasher.Reset();
        // Unbuffered streams and a pooled buffer: a FileStream's own buffer and a fresh array were
        // 2 MiB of large-object garbage for every file, however small.
        var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (input.ConfigureAwait(false))
        {
            var output = new FileStream(partialPath, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                try
                {
                    int read;
                    long writebackStarted = 0;
                    while ((read = await input.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hasher.Append(buffer.AsSpan(0, read));
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        writebackStarted = EarlyWriteback.StartEachStep(output.SafeFileHandle, 0, writebackStarted, hasher.Length);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        return new DownloadResult(source, hasher.Length, hasher.Length, null, null);
    }
}

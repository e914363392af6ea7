using System.Buffers;
using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Http;

/// <summary>
/// Streams a response body into the partial file at an offset. Less than a trickle within the
/// inactivity timeout (see <see cref="StallGuard"/>), or a connection that breaks, is a transient
/// failure; what was written stays.
/// </summary>
internal static class BodyCopier
{
    /// <summary>
    /// Copies until the body ends or <paramref name="limit"/> bytes arrived, hashing them when a
    /// <paramref name="hasher"/> is given (only the segment at the front of the file may).
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    public static async Task<long> CopyAsync(
        HttpResponseMessage response,
        PartialFile file,
        long offset,
        long? limit,
        ContentHasher? hasher,
        TransferProgress progress,
        TimeSpan inactivityTimeout,
        CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(DownloadConstants.BufferSize);
        using var stall = new StallGuard(inactivityTimeout, cancellationToken);
        long copied = 0;
        long writebackStarted = 0;
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                while (limit is null || copied < limit)
                {
                    var want = limit is { } max ? (int)Math.Min(DownloadConstants.BufferSize, max - copied) : DownloadConstants.BufferSize;
                    var read = await ReadAsync(body, buffer.AsMemory(0, want), stall, offset + copied, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    // Counted on arrival: progress and "bytes transferred" describe the network, not the disk.
                    stall.Received(read);
                    progress.Add(read);
                    file.Write(buffer.AsSpan(0, read), offset + copied);
                    hasher?.Append(buffer.AsSpan(0, read));
                    copied += read;
                    writebackStarted = file.StartWritebackEachStep(offset, writebackStarted, copied);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return copied;
    }

    private static async Task<int> ReadAsync(Stream body, Memory<byte> buffer, StallGuard stall, long position, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw AttemptFailedException.Transient(stall.Reason(position));
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            throw AttemptFailedException.Transient($"the connection broke after {position} bytes");
        }
    }
}

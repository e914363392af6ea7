using System.Buffers;
using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Http;

/// <summary>
/// The partial download on disk. Writes go to explicit offsets so several segments can fill one
/// file at once; reads back feed the hasher the bytes it has not seen yet, in order.
/// </summary>
internal sealed class PartialFile : IDisposable
{
    private readonly FileStream _stream;

    private PartialFile(FileStream stream)
    {
        _stream = stream;
    }

    public long Length => _stream.Length;

    public static PartialFile Open(string path) =>
        new(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous));

    public void Truncate(long length) => _stream.SetLength(length);

    /// <summary>
    /// Writes in the calling thread: a write lands in the page cache in microseconds, while an
    /// async file write on Unix is a hop to the thread pool and back for every buffer.
    /// </summary>
    public void Write(ReadOnlySpan<byte> data, long offset) => RandomAccess.Write(_stream.SafeFileHandle, data, offset);

    /// <summary>Starts the disk write of what a copy from <paramref name="offset"/> wrote since <paramref name="started"/>, a step at a time (<see cref="EarlyWriteback"/>).</summary>
    public long StartWritebackEachStep(long offset, long started, long written) => EarlyWriteback.StartEachStep(_stream.SafeFileHandle, offset, started, written);

    /// <summary>
    /// Makes the hasher hold exactly the first <paramref name="length"/> bytes of the file. When it
    /// already holds that many (an in-process retry kept it in step), nothing is re-read.
    /// </summary>
    public async Task SyncHasherAsync(ContentHasher hasher, long length, CancellationToken cancellationToken)
    {
        if (hasher.Length == length)
        {
            return;
        }

        hasher.Reset();
        await HashRangeAsync(hasher, 0, length, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Feeds bytes [<paramref name="from"/>, <paramref name="from"/> + <paramref name="count"/>) to the hasher.</summary>
    public async Task HashRangeAsync(ContentHasher hasher, long from, long count, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(DownloadConstants.RefeedBufferSize);
        try
        {
            var end = from + count;
            for (var position = from; position < end;)
            {
                var want = (int)Math.Min(buffer.Length, end - position);
                var read = await RandomAccess.ReadAsync(_stream.SafeFileHandle, buffer.AsMemory(0, want), position, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"the partial download ended at {position} of {end} bytes while being re-read");
                }

                hasher.Append(buffer.AsSpan(0, read));
                position += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _stream.Dispose();
}

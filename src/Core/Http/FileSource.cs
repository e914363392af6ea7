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
        var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (input.ConfigureAwait(false))
        {
            var output = new FileStream(partialPath, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hasher.Append(buffer.AsSpan(0, read));
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return new DownloadResult(source, hasher.Length, hasher.Length, null, null);
    }
}

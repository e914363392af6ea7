namespace Fetch.Build.Core.Caching;

/// <summary>
/// An exclusive lock shared by every process and thread on the machine, held on an open lock
/// file. The OS releases it when the holder exits or is killed, so a lock never goes stale.
/// </summary>
internal sealed class CacheLock : IDisposable
{
    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(200);
    private readonly FileStream _stream;

    private CacheLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Waits until the lock for <paramref name="path"/> is ours.</summary>
    public static async Task<CacheLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            if (TryAcquire(path) is { } acquired)
            {
                return acquired;
            }

            // No OS call blocks on a file lock with cancellation, so poll with a growing interval.
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxPoll.Ticks));
        }
    }

    public static CacheLock? TryAcquire(string path)
    {
        try
        {
            // FileShare.None takes an OS lock (flock on Unix, a share lock on Windows).
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return new CacheLock(stream);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
        catch (UnauthorizedAccessException) when (OperatingSystem.IsWindows() && File.Exists(path))
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}

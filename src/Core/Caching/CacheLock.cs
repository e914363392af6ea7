namespace Fetch.Build.Core.Caching;

/// <summary>
/// A lock shared by every process and thread on the machine, held on an open lock file: exclusive,
/// or shared with other shared holders (a build reading content holds it shared; the pruner needs
/// it exclusive to remove that content). The OS releases it when the holder exits or is killed, so
/// a lock never goes stale.
/// </summary>
internal sealed class CacheLock : IDisposable
{
    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(200);
    private readonly FileStream _stream;

    private CacheLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Waits until the lock for <paramref name="path"/> is ours alone.</summary>
    public static Task<CacheLock> AcquireAsync(string path, CancellationToken cancellationToken) =>
        AcquireAsync(path, shared: false, cancellationToken);

    /// <summary>Waits until no one holds the lock for <paramref name="path"/> exclusively, and holds it shared.</summary>
    public static Task<CacheLock> AcquireSharedAsync(string path, CancellationToken cancellationToken) =>
        AcquireAsync(path, shared: true, cancellationToken);

    public static CacheLock? TryAcquire(string path) => TryAcquire(path, shared: false);

    public static CacheLock? TryAcquireShared(string path) => TryAcquire(path, shared: true);

    private static async Task<CacheLock> AcquireAsync(string path, bool shared, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            if (TryAcquire(path, shared) is { } acquired)
            {
                return acquired;
            }

            // No OS call blocks on a file lock with cancellation, so poll with a growing interval.
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxPoll.Ticks));
        }
    }

    private static CacheLock? TryAcquire(string path, bool shared)
    {
        try
        {
            // FileShare.None takes an exclusive OS lock (flock LOCK_EX on Unix, a share lock on
            // Windows); read access shared with readers and writers takes flock LOCK_SH, and on
            // Windows admits every other such opener but no FileShare.None one.
            var stream = shared
                ? new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None)
                : new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
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

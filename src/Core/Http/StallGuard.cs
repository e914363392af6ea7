namespace Fetch.Build.Core.Http;

/// <summary>
/// Ends a body read that is silent, or nearly so: fewer than <see cref="DownloadConstants.StallFloorBytes"/>
/// received within the timeout is a stall (curl's <c>--speed-limit</c> / <c>--speed-time</c>). A
/// guard that re-armed on every byte let a server trickling one byte a second hold a build forever.
/// Real time on purpose, as in <see cref="RequestSender"/>: it measures a socket, not our schedule.
/// </summary>
internal sealed class StallGuard : IDisposable
{
    private readonly CancellationTokenSource _window;
    private readonly TimeSpan _timeout;
    private long _windowBytes;

    public StallGuard(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _timeout = timeout;
        _window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _window.CancelAfter(timeout);
    }

    /// <summary>Cancelled when the current window ends short of the floor, or when the caller cancels.</summary>
    public CancellationToken Token => _window.Token;

    /// <summary>Counts what arrived; once the window holds the floor, the next window starts now.</summary>
    public void Received(int bytes)
    {
        _windowBytes += bytes;
        if (_windowBytes >= DownloadConstants.StallFloorBytes)
        {
            _windowBytes = 0;
            _window.CancelAfter(_timeout);
        }
    }

    /// <summary>Why the window ended, for the user: silence, or too little.</summary>
    public string Reason(long position) => _windowBytes == 0
        ? $"no data received for {StatusClassifier.Seconds(_timeout)} after {position} bytes"
        : $"stalled: less than {DownloadConstants.StallFloorBytes / 1024} KiB received in {StatusClassifier.Seconds(_timeout)} ({_windowBytes} bytes) after {position} bytes";

    public void Dispose() => _window.Dispose();
}

using System.Globalization;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Http;

/// <summary>
/// Reports a download that runs longer than a few seconds: bytes, percent when the length is
/// known, and the rate since the last report. Timing comes from the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    private readonly IFetchLog _log;
    private readonly TimeProvider _time;
    private readonly string _maskedUrl;
    private readonly TransferProgress _progress;
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private long _lastStamp;
    private long _lastTransferred;
    private bool _reported;
    private bool _ended;

    private ProgressReporter(IFetchLog log, TimeProvider time, string maskedUrl, TransferProgress progress, DownloaderOptions options)
    {
        _log = log;
        _time = time;
        _maskedUrl = maskedUrl;
        _progress = progress;
        _lastStamp = time.GetTimestamp();
        _timer = time.CreateTimer(static state => ((ProgressReporter)state!).Report(), this, options.ProgressDelay, options.ProgressInterval);
    }

    /// <summary>Starts reporting; null (nothing to dispose) when there is nowhere to report to.</summary>
    public static ProgressReporter? Start(IFetchLog? log, TimeProvider time, string maskedUrl, TransferProgress progress, DownloaderOptions options) =>
        log is null ? null : new ProgressReporter(log, time, maskedUrl, progress, options);

    /// <summary>Stops reporting; a download that was reported on gets a last, finished report.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _ended = true;
            if (_reported)
            {
                var done = _progress.Done;
                _log.Progress(new ProgressReport(_maskedUrl, done, _progress.Total, 0, Finished: true, $"{_maskedUrl}: {Size(done)}"));
            }
        }
    }

    private void Report()
    {
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            var now = _time.GetTimestamp();
            var seconds = _time.GetElapsedTime(_lastStamp, now).TotalSeconds;
            var transferred = _progress.Transferred;
            var rate = seconds > 0 ? (transferred - _lastTransferred) / seconds : 0;
            _lastStamp = now;
            _lastTransferred = transferred;
            if (transferred == 0)
            {
                // Nothing has arrived yet (a dead host, retries waiting): "0 B, 0 B/s" tells the
                // reader nothing the retry notices do not; say something once bytes flow.
                return;
            }

            var done = _progress.Done;
            var total = _progress.Total;
            _reported = true;
            _log.Progress(new ProgressReport(_maskedUrl, done, total, rate, Finished: false, $"{_maskedUrl}: {Describe(done, total, rate)}"));
        }
    }

    private static string Describe(long done, long? total, double rate)
    {
        var text = Size(done);
        if (total is { } length && length > 0)
        {
            text += $" of {Size(length)} ({(100.0 * done / length).ToString("0", CultureInfo.InvariantCulture)}%)";
        }

        return text + $", {Size(rate)}/s";
    }

    private static string Size(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return bytes.ToString(unit == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}

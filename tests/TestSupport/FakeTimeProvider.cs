using System.Collections.Concurrent;

namespace Fetch.Build.TestSupport;

/// <summary>
/// A clock that moves only when told to, so retry waits take no real time and can be asserted on.
/// With <see cref="AutoAdvance"/> (the default) every one-shot timer — a <c>Task.Delay</c>, a
/// Polly retry wait — moves the clock to its due time at once; periodic timers fire as the clock
/// passes them. <see cref="Waits"/> lists every one-shot wait that was asked for.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private DateTimeOffset _now;

    public FakeTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    public bool AutoAdvance { get; set; } = true;

    /// <summary>Every positive one-shot wait asked for, in order of asking.</summary>
    public IReadOnlyList<TimeSpan> Waits => _waits.ToArray();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public void Advance(TimeSpan by) => AdvanceTo(GetUtcNow() + by);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void AdvanceTo(DateTimeOffset target)
    {
        var due = new List<FakeTimer>();
        lock (_lock)
        {
            if (target > _now)
            {
                _now = target;
            }

            foreach (var timer in _timers.Where(t => t.DueAt <= _now).ToList())
            {
                due.Add(timer);
                if (timer.Period == Timeout.InfiniteTimeSpan || timer.Period <= TimeSpan.Zero)
                {
                    _timers.Remove(timer);
                }
                else
                {
                    // Fires once per advance however far the clock jumped, like a timer that fell behind.
                    while (timer.DueAt <= _now)
                    {
                        timer.DueAt += timer.Period;
                    }
                }
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private void Schedule(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.DueAt = _now + dueTime;
            timer.Period = period;
            _timers.Add(timer);
        }

        var oneShot = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero;
        if (oneShot && dueTime > TimeSpan.Zero)
        {
            _waits.Enqueue(dueTime);
        }

        if (dueTime <= TimeSpan.Zero || (oneShot && AutoAdvance))
        {
            // Never from inside CreateTimer: the caller may not have stored the timer yet.
            var target = timer.DueAt;
            ThreadPool.QueueUserWorkItem(_ => AdvanceTo(target));
        }
    }

    private void Cancel(FakeTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer : ITimer
    {
        private readonly FakeTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;

        public FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
        }

        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => _callback(_state);

        public void Dispose() => _owner.Cancel(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

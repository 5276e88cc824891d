using Microsoft.Extensions.Time.Testing;

namespace Latency.Tests.Timing;

/// <summary>
/// A FakeTimeProvider that knows how many of its timers are pending. FakeTimeProvider fires timers inside Advance,
/// but an awaiting continuation (after Task.Delay) runs on the thread pool afterwards; <see cref="AdvanceAsync"/>
/// therefore waits, after moving the clock, until the code under test is blocked on the clock again (as many timers
/// pending as it keeps) or has finished. The wait is for a state, never for an amount of real time.
/// </summary>
internal sealed class SettlingFakeTime : FakeTimeProvider
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(10);

    private int _pending;

    /// <summary>Timers armed (a finite due time) and not yet fired or disposed: one per wait on the clock.</summary>
    public int PendingTimers => Volatile.Read(ref _pending);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new PendingTimer(this, period);
        timer.Arm(dueTime);
        timer.Inner = base.CreateTimer(s =>
        {
            timer.Fired();
            callback(s);
        }, state, dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock by <paramref name="by"/>, then waits until <paramref name="waiters"/> timers are pending
    /// again or <paramref name="done"/> has completed.</summary>
    /// <param name="by">How far to move the clock.</param>
    /// <param name="waiters">Timers the code under test keeps pending while it waits (one per waiting loop).</param>
    /// <param name="done">The work under test; settling ends when it completes.</param>
    public async Task AdvanceAsync(TimeSpan by, int waiters, Task done)
    {
        Advance(by);
        await SettleAsync(() => PendingTimers >= waiters, done);
    }

    /// <summary>Waits until <paramref name="settled"/> holds or <paramref name="done"/> has completed.</summary>
    /// <param name="settled">True once the code under test waits on the clock again.</param>
    /// <param name="done">The work under test.</param>
    public async Task SettleAsync(Func<bool> settled, Task done)
    {
        using var safety = new CancellationTokenSource(Safety);
        while (!done.IsCompleted && !settled())
        {
            Assert.False(safety.IsCancellationRequested, $"the code under test did not settle on the clock ({PendingTimers} timers pending)");
            await Task.Yield();
        }
    }

    /// <summary>Counts as pending while armed: a timer created or changed to an infinite due time (a
    /// CancellationTokenSource's before CancelAfter) waits for nothing.</summary>
    private sealed class PendingTimer(SettlingFakeTime owner, TimeSpan period) : ITimer
    {
        private int _armed;

        public ITimer Inner { get; set; } = null!;

        public void Arm(TimeSpan dueTime)
        {
            var armed = dueTime != Timeout.InfiniteTimeSpan ? 1 : 0;
            if (Interlocked.Exchange(ref _armed, armed) != armed)
            {
                Interlocked.Add(ref owner._pending, armed == 1 ? 1 : -1);
            }
        }

        public void Fired()
        {
            if (period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero)
            {
                Arm(Timeout.InfiniteTimeSpan);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            Arm(Timeout.InfiniteTimeSpan);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Arm(Timeout.InfiniteTimeSpan);
            return Inner.DisposeAsync();
        }
    }
}

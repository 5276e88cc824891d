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

    /// <summary>Timers created and not yet fired or disposed.</summary>
    public int PendingTimers => Volatile.Read(ref _pending);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new PendingTimer(this);
        Interlocked.Increment(ref _pending);
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
        await SettleAsync(waiters, done);
    }

    /// <summary>Waits until <paramref name="waiters"/> timers are pending or <paramref name="done"/> has completed.</summary>
    /// <param name="waiters">Timers the code under test keeps pending while it waits.</param>
    /// <param name="done">The work under test.</param>
    public async Task SettleAsync(int waiters, Task done)
    {
        using var safety = new CancellationTokenSource(Safety);
        while (!done.IsCompleted && PendingTimers < waiters)
        {
            Assert.False(safety.IsCancellationRequested, $"the code under test did not wait on the clock again ({PendingTimers} of {waiters} timers)");
            await Task.Yield();
        }
    }

    private sealed class PendingTimer(SettlingFakeTime owner) : ITimer
    {
        private int _done;

        public ITimer Inner { get; set; } = null!;

        public void Fired()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref owner._pending);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => Inner.Change(dueTime, period);

        public void Dispose()
        {
            Fired();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Fired();
            return Inner.DisposeAsync();
        }
    }
}

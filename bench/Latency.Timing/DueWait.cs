namespace Latency.Timing;

/// <summary>
/// How a pacer waits until a timestamp of its <see cref="TimeProvider"/>. On the system clock a precise wait
/// (<see cref="OnThisThread"/> or <see cref="Scheduled"/>); on any other clock (a test's FakeTimeProvider) that
/// provider's timers, so the same loop runs on both and only this choice differs.
/// </summary>
public abstract class DueWait
{
    private protected DueWait(TimeProvider time) => Time = time;

    /// <summary>The clock whose timestamps this waits for.</summary>
    public TimeProvider Time { get; }

    /// <summary>Waits until <paramref name="timestamp"/> of <see cref="Time"/>; at once when it has passed.</summary>
    /// <param name="timestamp">A timestamp of <see cref="Time"/>.</param>
    /// <param name="stop">Ends the wait early.</param>
    /// <returns>True when the time came, false when <paramref name="stop"/> fired first.</returns>
    public abstract ValueTask<bool> UntilAsync(long timestamp, CancellationToken stop);

    /// <summary>Blocks the calling thread with <see cref="PreciseWait"/> (a thread of the pacer's own); on another
    /// clock than the system's, awaits that clock's timers instead.</summary>
    /// <param name="time">The clock.</param>
    public static DueWait OnThisThread(TimeProvider time) => IsSystem(time) ? new ThreadDueWait(time) : Timers(time);

    /// <summary>Waits on <paramref name="scheduler"/>'s thread (the shared one when null) and resumes there; on
    /// another clock than the system's, awaits that clock's timers instead.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="scheduler">The scheduler; <see cref="PreciseScheduler.Shared"/> when null.</param>
    public static DueWait Scheduled(TimeProvider time, PreciseScheduler? scheduler = null) =>
        IsSystem(time) ? new ScheduledDueWait(time, scheduler ?? PreciseScheduler.Shared) : Timers(time);

    /// <summary>Awaits <paramref name="time"/>'s own timers (about a millisecond late on the system clock: for coarse
    /// waits such as pauses and ramps, and for fake clocks).</summary>
    /// <param name="time">The clock.</param>
    public static DueWait Timers(TimeProvider time) => new TimerDueWait(time);

    private static bool IsSystem(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return ReferenceEquals(time, TimeProvider.System);
    }
}

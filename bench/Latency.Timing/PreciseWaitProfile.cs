using System.Diagnostics;

namespace Latency.Timing;

/// <summary>
/// How <see cref="PreciseWait"/> divides a wait between sleeping and spinning, in Stopwatch ticks: sleep in slices
/// of at most <see cref="MaxSliceTicks"/> until <see cref="SleepMarginTicks"/> before the due time, and spin once
/// it is within <see cref="SpinWithinTicks"/>.
/// </summary>
public sealed class PreciseWaitProfile
{
    /// <summary>One waiter on its own thread (engine arrivals, the precise scheduler's last stretch): spin the last
    /// half millisecond, and sleep at most 50 ms at a time so a cancellation is seen that often.</summary>
    public static PreciseWaitProfile SingleWaiter { get; } = new(TimeSpan.FromMicroseconds(500), TimeSpan.FromMicroseconds(250), TimeSpan.FromMilliseconds(50));

    /// <summary>A thread serving many waiters whose earliest due time can change at any moment (the relay's chunks):
    /// slices of at most 1 ms, so a new earlier wait is noticed within 1 ms, and a spin of the last 0.25 ms.</summary>
    public static PreciseWaitProfile ManyWaiters { get; } = new(TimeSpan.FromMicroseconds(250), TimeSpan.FromMicroseconds(150), TimeSpan.FromMilliseconds(1));

    /// <param name="spinWithin">Closer than this to the due time: spin instead of sleeping.</param>
    /// <param name="sleepMargin">A sleep ends this long before the due time (wake-ups are late, never early).</param>
    /// <param name="maxSlice">The longest single sleep.</param>
    public PreciseWaitProfile(TimeSpan spinWithin, TimeSpan sleepMargin, TimeSpan maxSlice)
    {
        SpinWithinTicks = ToStopwatchTicks(spinWithin);
        SleepMarginTicks = ToStopwatchTicks(sleepMargin);
        MaxSliceTicks = ToStopwatchTicks(maxSlice);
    }

    public long SpinWithinTicks { get; }

    public long SleepMarginTicks { get; }

    public long MaxSliceTicks { get; }

    private static long ToStopwatchTicks(TimeSpan span) => span.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
}

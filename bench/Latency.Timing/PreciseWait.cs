using System.Diagnostics;

namespace Latency.Timing;

/// <summary>
/// The one precise wait: sleeps with nanosleep in slices until shortly before a Stopwatch timestamp, then spins.
/// Task.Delay wakes a millisecond or more late and then needs a pool thread, which bunched arrivals (12-20 in a
/// 10 ms window at 500/s where 5 are due), and Monitor.Wait with a timeout was measured waking up to 3 ms late; a
/// nanosleep wakes within tens of microseconds and the spin takes the rest. For dedicated threads only: it blocks.
/// </summary>
public static class PreciseWait
{
    /// <summary>Blocks until <paramref name="timestamp"/> (Stopwatch); true when the time came, false when
    /// <paramref name="cancellationToken"/> fired first.</summary>
    /// <param name="timestamp">The Stopwatch timestamp to wait for.</param>
    /// <param name="cancellationToken">Ends the wait early (seen at least once per sleep slice).</param>
    /// <param name="profile">How to divide the wait; <see cref="PreciseWaitProfile.SingleWaiter"/> when null.</param>
    public static bool Until(long timestamp, CancellationToken cancellationToken, PreciseWaitProfile? profile = null)
    {
        profile ??= PreciseWaitProfile.SingleWaiter;
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            var remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return true;
            }

            Step(remaining, profile);
        }
    }

    /// <summary>One step towards a due time <paramref name="remainingTicks"/> away: a sleep slice when far, a short spin
    /// when close. For loops that look at their queue between steps (the relay's timer).</summary>
    /// <param name="remainingTicks">Stopwatch ticks until the due time (positive).</param>
    /// <param name="profile">How to divide the wait.</param>
    public static void Step(long remainingTicks, PreciseWaitProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (remainingTicks > profile.SpinWithinTicks)
        {
            Sleep(Math.Min(remainingTicks - profile.SleepMarginTicks, profile.MaxSliceTicks));
        }
        else
        {
            Thread.SpinWait(20);
        }
    }

    /// <summary>Sleeps <paramref name="ticks"/> Stopwatch ticks: nanosleep on Linux (microseconds late with a 1 ns
    /// timer slack), elsewhere Thread.Sleep (a yield below a millisecond: more CPU, same precision).</summary>
    /// <param name="ticks">How long, in Stopwatch ticks.</param>
    public static void Sleep(long ticks)
    {
        if (OperatingSystem.IsLinux())
        {
            TimingLibc.NanoSleep(Timespec.FromStopwatchTicks(ticks), 0);
        }
        else
        {
            Thread.Sleep(TimeSpan.FromTicks(Math.Max(0, ticks * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
        }
    }
}

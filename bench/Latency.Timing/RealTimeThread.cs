namespace Latency.Timing;

/// <summary>
/// Real-time scheduling (SCHED_FIFO) and a 1 ns timer slack for the calling thread: the WAN emulator's forwarding
/// thread, and measuring threads that must not wait a time slice behind other processes on a 2-core machine before
/// they take their timestamp. Root only; without the capability only the timer slack changes.
/// </summary>
public static unsafe class RealTimeThread
{
    /// <summary>
    /// Tries to make the calling thread SCHED_FIFO at <paramref name="priority"/> (a measuring thread keeps it below
    /// the emulator's, so the emulator still preempts it). Returns whether it did; false off Linux.
    /// </summary>
    public static bool TryEnter(int priority)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        // 1 ns slack: a sleep or a blocking call (nanosleep, ppoll) wakes when due, not up to 50 us later.
        TimingLibc.Prctl(TimingLibc.PR_SET_TIMERSLACK, 1, 0, 0, 0);
        var parameter = new TimingLibc.SchedParam { Priority = priority };
        return TimingLibc.SchedSetScheduler(0, TimingLibc.SCHED_FIFO, &parameter) == 0;
    }
}

namespace Latency.World.Native;

/// <summary>
/// Real-time scheduling (SCHED_FIFO) and a 1 ns timer slack for the calling thread, as the WAN emulator's forwarding
/// thread has. For measuring threads that must not wait a time slice behind other processes on a 2-core machine
/// before they take their timestamp. Root only; without the capability nothing changes.
/// </summary>
public static unsafe class RealTimeThread
{
    /// <summary>
    /// Tries to make the calling thread SCHED_FIFO at <paramref name="priority"/> (keep it below the emulator's, so the
    /// emulator still preempts it). Returns whether it did.
    /// </summary>
    public static bool TryEnter(int priority)
    {
        // 1 ns slack: a sleep or a blocking call wakes when due, not up to 50 us later.
        Libc.Prctl(Libc.PR_SET_TIMERSLACK, 1, 0, 0, 0);
        var parameter = new Libc.SchedParam { Priority = priority };
        return Libc.SchedSetScheduler(0, Libc.SCHED_FIFO, &parameter) == 0;
    }
}

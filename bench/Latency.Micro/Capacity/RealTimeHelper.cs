using Latency.World.Native;

namespace Latency.Micro.Capacity;

/// <summary>Real-time scheduling and a 1 ns timer slack for the calling thread, as the emulator's thread has (root only).</summary>
internal static unsafe class RealTimeHelper
{
    /// <summary>Returns whether the thread now runs SCHED_FIFO at <paramref name="priority"/>.</summary>
    public static bool Enter(int priority)
    {
        // 1 ns slack: Thread.Sleep(1) then wakes after ~1 ms, not up to 50 us later (smaller, steadier bursts).
        Libc.Prctl(Libc.PR_SET_TIMERSLACK, 1, 0, 0, 0);
        var parameter = new Libc.SchedParam { Priority = priority };
        return Libc.SchedSetScheduler(0, Libc.SCHED_FIFO, &parameter) == 0;
    }
}

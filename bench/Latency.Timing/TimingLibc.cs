using System.Runtime.InteropServices;

namespace Latency.Timing;

/// <summary>
/// The one binding of the libc calls timing needs: nanosleep (a sleep that, with a 1 ns timer slack, wakes within
/// microseconds, where Thread.Sleep and Task.Delay wake a millisecond late), the timer slack itself (prctl) and
/// real-time scheduling (sched_setscheduler). Linux only; callers check <see cref="OperatingSystem.IsLinux"/> or
/// go through <see cref="PreciseWait"/> and <see cref="RealTimeThread"/>, which do.
/// </summary>
internal static unsafe partial class TimingLibc
{
    public const int PR_SET_TIMERSLACK = 29;
    public const int SCHED_FIFO = 1;

    [StructLayout(LayoutKind.Sequential)]
    public struct SchedParam
    {
        public int Priority;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    public static partial int NanoSleep(in Timespec request, nint remaining);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    public static partial int Prctl(int option, ulong argument2, ulong argument3, ulong argument4, ulong argument5);

    /// <summary>With pid 0, applies to the calling thread (Linux schedules threads, not processes).</summary>
    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    public static partial int SchedSetScheduler(int pid, int policy, SchedParam* parameter);
}

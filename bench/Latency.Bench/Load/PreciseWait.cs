using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Latency.Bench.Load;

/// <summary>
/// Waits on the calling (dedicated) thread until a Stopwatch timestamp: sleeps with nanosleep in slices until half a
/// millisecond before, then spins. Task.Delay wakes a millisecond or more late and then needs a pool thread, which
/// bunched arrivals (12-20 in a 10 ms window at 500/s where 5 are due); this keeps arrivals where the pacer put them.
/// </summary>
internal static partial class PreciseWait
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 2_000; // 0.5 ms
    private static readonly long MaxSliceTicks = Stopwatch.Frequency / 20; // 50 ms: cancellation is seen at least this often

    /// <summary>True when the time came, false when <paramref name="cancellationToken"/> fired first.</summary>
    public static bool Until(long timestamp, CancellationToken cancellationToken)
    {
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

            if (remaining > SpinTicks)
            {
                Sleep(Math.Min(remaining - SpinTicks / 2, MaxSliceTicks));
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }

    private static void Sleep(long ticks)
    {
        var nanoseconds = ticks * 1_000_000_000 / Stopwatch.Frequency;
        var request = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        if (OperatingSystem.IsLinux())
        {
            NanoSleep(ref request, IntPtr.Zero);
        }
        else
        {
            Thread.Sleep(TimeSpan.FromTicks(Math.Max(0, ticks * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(ref Timespec request, IntPtr remaining);
}

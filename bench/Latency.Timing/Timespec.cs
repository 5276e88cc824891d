using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Latency.Timing;

/// <summary>
/// struct timespec of 64-bit Linux (two longs), the one definition for every system call that takes or returns a
/// time: nanosleep here, ppoll, SIOCGSTAMPNS and clock_gettime in the world's bindings.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct Timespec
{
    public long Seconds;
    public long Nanoseconds;

    /// <summary>A duration given in nanoseconds (negative counts as zero).</summary>
    public static Timespec FromNanoseconds(long nanoseconds)
    {
        nanoseconds = Math.Max(0, nanoseconds);
        return new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
    }

    /// <summary>A duration given in <see cref="Stopwatch"/> ticks.</summary>
    public static Timespec FromStopwatchTicks(long ticks) => FromNanoseconds(StopwatchNanoseconds(ticks));

    /// <summary>Stopwatch ticks as nanoseconds, without overflow for any wait shorter than a few days.</summary>
    public static long StopwatchNanoseconds(long ticks) =>
        Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));

    /// <summary>The time as nanoseconds.</summary>
    public readonly long TotalNanoseconds => Seconds * 1_000_000_000 + Nanoseconds;
}

namespace Latency.Bench.Harness;

/// <summary>
/// The machine's CPU time since boot, summed over all processors, in the system's own ticks (only ratios of
/// differences are used, so the unit never matters).
/// </summary>
/// <param name="Busy">Time not idle: user, nice, system, interrupts and steal (a stolen tick was not ours to use either).</param>
/// <param name="Total">All time: <paramref name="Busy"/> plus idle and I/O wait.</param>
public readonly record struct MachineCpuTimes(long Busy, long Total);

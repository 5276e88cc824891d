namespace Latency.Bench.Harness;

/// <summary>One reading of every CPU counter <see cref="HarnessSampler"/> follows, at one instant.</summary>
/// <param name="Timestamp">When, in <see cref="TimeProvider.GetTimestamp"/> ticks.</param>
/// <param name="Process">This process's CPU time so far.</param>
/// <param name="Machine">The machine's counters, or null where unavailable.</param>
/// <param name="Emulator">The world's network process's CPU time so far, or null (no world, or unreadable).</param>
public readonly record struct CpuSample(long Timestamp, TimeSpan Process, MachineCpuTimes? Machine, TimeSpan? Emulator);

using Latency.Bench.Harness;

namespace Latency.Micro.Soak;

/// <summary>One reading of the memory and CPU time of the harness and every process under it (and of the world's processes).</summary>
/// <param name="Elapsed">Since the harness started.</param>
/// <param name="Wall">When it was read.</param>
/// <param name="Processes">Each process alive at the reading.</param>
/// <param name="Machine">The whole machine's CPU counters from /proc/stat at the reading; null when not readable.</param>
public sealed record ProcessTreeSample(TimeSpan Elapsed, DateTimeOffset Wall, IReadOnlyList<ProcessRss> Processes, MachineCpuTimes? Machine = null);

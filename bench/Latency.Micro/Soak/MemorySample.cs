namespace Latency.Micro.Soak;

/// <summary>One reading of a process's resident memory.</summary>
/// <param name="Elapsed">Since the harness started.</param>
/// <param name="Wall">When it was read.</param>
/// <param name="HarnessRssMb">The harness (<c>latency run</c>) process's resident set, MiB.</param>
/// <param name="BackendRssMb">The backend process's resident set, MiB.</param>
public sealed record MemorySample(TimeSpan Elapsed, DateTimeOffset Wall, double HarnessRssMb, double BackendRssMb);

namespace Latency.History;

/// <summary>
/// One row of a run in the history (table <c>rows</c>): a scenario, a scenario's step, or a study's
/// probe/deployment/workload, or a BenchmarkDotNet benchmark, with a few quantiles (in <see cref="Unit"/>) and counts.
/// </summary>
public sealed record HistoryRow
{
    /// <summary>What the row measures, e.g. <c>checkout</c>, <c>checkout/get</c> or <c>mumbai/beijing/app-cold-start</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Latency values recorded (successful runs of a step; completed iterations of a scenario).</summary>
    public required long Count { get; init; }

    /// <summary>Requests (or iterations) that failed.</summary>
    public required long Errors { get; init; }

    /// <summary>The median, in <see cref="Unit"/>.</summary>
    public required long P50 { get; init; }

    /// <summary>The 90th percentile, in <see cref="Unit"/>.</summary>
    public required long P90 { get; init; }

    /// <summary>The 95th percentile, in <see cref="Unit"/>.</summary>
    public required long P95 { get; init; }

    /// <summary>The 99th percentile, in <see cref="Unit"/>.</summary>
    public required long P99 { get; init; }

    /// <summary>The largest value, in <see cref="Unit"/>.</summary>
    public required long Max { get; init; }

    /// <summary>
    /// The unit of the quantiles: microseconds for the harness's runs (run.json's unit), nanoseconds for benchmarks
    /// that take tens of nanoseconds. A series compares ratios, so rows of one key keep one unit.
    /// </summary>
    public HistoryUnit Unit { get; init; } = HistoryUnit.Microseconds;

    /// <summary>
    /// Bytes allocated per operation, for a benchmark measured with BenchmarkDotNet's MemoryDiagnoser; null for runs
    /// and for benchmarks without it. Kept so an allocation that creeps into a hot path shows in the history.
    /// </summary>
    public long? AllocatedBytes { get; init; }
}

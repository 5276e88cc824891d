namespace Latency.History;

/// <summary>
/// One row of a run in the history (table <c>rows</c>): a scenario, a scenario's step, or a study's
/// probe/deployment/workload, with a few quantiles (microseconds, as in run.json) and counts.
/// </summary>
public sealed record HistoryRow
{
    /// <summary>What the row measures, e.g. <c>checkout</c>, <c>checkout/get</c> or <c>mumbai/beijing/app-cold-start</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Latency values recorded (successful runs of a step; completed iterations of a scenario).</summary>
    public required long Count { get; init; }

    /// <summary>Requests (or iterations) that failed.</summary>
    public required long Errors { get; init; }

    public required long P50Us { get; init; }

    public required long P90Us { get; init; }

    public required long P95Us { get; init; }

    public required long P99Us { get; init; }

    public required long MaxUs { get; init; }
}

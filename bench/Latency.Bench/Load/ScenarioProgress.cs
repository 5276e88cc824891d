namespace Latency.Bench.Load;

/// <summary>One scenario's live numbers; latencies are corrected, in microseconds, over the run so far.</summary>
public sealed record ScenarioProgress(
    string Name,
    double? TargetRate,
    double AchievedRate,
    long Completed,
    long Failed,
    long Dropped,
    long P50Micros,
    long P99Micros);

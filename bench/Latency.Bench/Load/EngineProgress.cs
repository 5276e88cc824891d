namespace Latency.Bench.Load;

/// <summary>Live state after an interval: what progress displays show.</summary>
public sealed record EngineProgress(TimeSpan Elapsed, TimeSpan? PlannedDuration, IReadOnlyList<ScenarioProgress> Scenarios);

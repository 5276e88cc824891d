using Latency.Bench.Recording;
using Latency.RunDirectory;

namespace Latency.Bench.Load;

/// <summary>What a run produced: outcomes per scenario, histogram totals, wall-clock bounds and status.</summary>
public sealed record EngineResult(
    DateTimeOffset StartedUtc,
    DateTimeOffset EndedUtc,
    RunStatus Status,
    string? StatusReason,
    IReadOnlyList<ScenarioOutcome> Scenarios,
    IntervalCollector Histograms);

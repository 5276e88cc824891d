using Latency.Scenarios.Load;

namespace Latency.Bench.Load;

/// <summary>One scenario after the run: what it was asked to do and what happened.</summary>
public sealed record ScenarioOutcome(ScenarioProps Props, LoadTimeline Timeline, ScenarioCounters Counters);

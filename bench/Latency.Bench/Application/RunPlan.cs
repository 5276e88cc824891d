using Latency.Bench.Load;
using Latency.Scenarios.Load;
using Latency.Scenarios.Suites;

namespace Latency.Bench.Application;

/// <summary>
/// A validated run: the suite, where to write, an optional overall time limit, and what runs: the suite's scenarios
/// as the engine planned them (<see cref="LoadEngine.Plan"/>, done once, here) or its study, prepared.
/// </summary>
/// <param name="Suite">The suite as loaded (a file, the default study, or the one-liner's).</param>
/// <param name="OutDirectory">The run directory to write.</param>
/// <param name="DurationLimit">Stop scheduling after this long (<c>--duration</c>); null: the suite's own length.</param>
public sealed record RunPlan(SuiteDefinition Suite, string OutDirectory, TimeSpan? DurationLimit)
{
    /// <summary>The suite's scenarios, checked and compiled; empty for a study.</summary>
    public IReadOnlyList<(ScenarioProps Props, LoadTimeline Timeline)> Scenarios { get; init; } = [];

    /// <summary>The suite's study, checked against its world and split into cells; null for scenarios.</summary>
    public StudyPreparation? Study { get; init; }
}

using Latency.Scenarios.Suites;

namespace Latency.Bench.Cli;

/// <summary>A validated run: the suite to run, where to write, and an optional overall time limit.</summary>
public sealed record RunPlan(SuiteDefinition Suite, string OutDirectory, TimeSpan? DurationLimit);

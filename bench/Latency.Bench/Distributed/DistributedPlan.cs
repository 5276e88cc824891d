using Latency.RunDirectory;

namespace Latency.Bench.Distributed;

/// <summary>
/// What the coordinator decided, published once to the run's stream before the start: enough for
/// <c>latency collect</c> to rebuild the run directory without the coordinator (which agents, their clocks, the start).
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Suite">run.json's <c>suite</c>.</param>
/// <param name="Environment">The coordinator's machine (run.json's <c>environment</c>; the agents' backend replaces its network backend).</param>
/// <param name="StartUtc">The common start instant, on the coordinator's clock.</param>
/// <param name="ClockUncertaintyBoundMs">The bound beyond which an agent's clock uncertainty is noted.</param>
/// <param name="Agents">Each agent given cells, as <see cref="AgentRunInfo"/> before its end is known.</param>
/// <param name="Comparisons">The study's probes and what each compares, so a probe whose agent sent nothing is still described.</param>
public sealed record DistributedPlan(string RunId, SuiteInfo Suite, EnvironmentInfo Environment, DateTimeOffset StartUtc,
    double ClockUncertaintyBoundMs, IReadOnlyList<AgentRunInfo> Agents, IReadOnlyList<StudyComparison> Comparisons);

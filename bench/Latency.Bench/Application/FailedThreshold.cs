namespace Latency.Bench.Application;

/// <summary>A threshold that did not pass.</summary>
/// <param name="Scenario">The scenario (for a study, the probe and workload) it was checked on.</param>
/// <param name="Description">The threshold and what was observed, e.g. <c>p50 &lt; 1ms: observed 3.2ms</c>.</param>
public sealed record FailedThreshold(string Scenario, string Description);

namespace Latency.Scenarios.Suites;

/// <summary>The verdict on one threshold.</summary>
/// <param name="Threshold">The threshold judged.</param>
/// <param name="Passed">True when the observed value satisfies the threshold.</param>
/// <param name="Observed">What was measured, in the threshold's units (microseconds, a count or a percentage).</param>
/// <param name="Description">One line for a report, e.g. <c>p99 &lt; 800ms: observed 612.4ms (passed)</c>.</param>
public sealed record ThresholdEvaluation(ThresholdDefinition Threshold, bool Passed, double Observed, string Description);

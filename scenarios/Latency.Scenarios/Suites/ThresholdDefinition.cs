using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Suites;

/// <summary>
/// A pass/fail check on a scenario's results, as written in a suite file, e.g. <c>p99 &lt; 800ms</c> or
/// <c>config: p95 &lt;= 300ms</c>. Built by <see cref="ThresholdParser"/>, judged by <see cref="ThresholdEvaluator"/>.
/// </summary>
/// <param name="Text">The threshold as the user wrote it, for reports.</param>
/// <param name="Step">The step it applies to, or null for the scenario (the iteration's corrected latency).</param>
/// <param name="Metric">What is measured.</param>
/// <param name="Percentile">For <see cref="ThresholdMetric.Percentile"/>, the percentile in (0, 100), e.g. 99.9; otherwise null.</param>
/// <param name="Operator">The comparison that must hold for the threshold to pass.</param>
/// <param name="Value">
/// Latency metrics: microseconds. <see cref="ThresholdMetric.Errors"/> and <see cref="ThresholdMetric.Dropped"/>:
/// a count, or a percentage in [0, 100] when <paramref name="IsPercentage"/> (so <c>1%</c> is 1, not 0.01).
/// </param>
/// <param name="IsPercentage">True when the value was written with <c>%</c>.</param>
/// <param name="Location">Where the threshold was written, when it came from a file.</param>
public sealed record ThresholdDefinition(
    string Text,
    string? Step,
    ThresholdMetric Metric,
    double? Percentile,
    ThresholdOperator Operator,
    double Value,
    bool IsPercentage,
    SourceLocation? Location = null)
{
    /// <summary>True for <see cref="ThresholdMetric.Percentile"/> and <see cref="ThresholdMetric.Max"/>, whose value is a latency.</summary>
    public bool IsLatency => Metric is ThresholdMetric.Percentile or ThresholdMetric.Max;
}

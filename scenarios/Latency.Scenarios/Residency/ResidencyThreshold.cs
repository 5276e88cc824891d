using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Residency;

/// <summary>
/// A pass/fail check on where users' data went, written in a study's <c>thresholds</c> as
/// <c>residency: CN bytes_sent == 0</c> or <c>residency: CN requests &lt; 5%</c>. It is checked for every in-region
/// option of every cell (the origin's sessions go to the origin by design), on that option's sessions.
/// Built by <see cref="ResidencyThresholdParser"/>, judged by <see cref="ResidencyThresholdEvaluator"/>.
/// </summary>
/// <param name="Text">As written, for reports.</param>
/// <param name="Jurisdiction">The jurisdiction counted, e.g. <c>CN</c>.</param>
/// <param name="Metric">What is counted.</param>
/// <param name="Operator">The comparison that must hold.</param>
/// <param name="Value">A count (bytes or requests), or a percentage in [0, 100] of the option's total when
/// <paramref name="IsPercentage"/>.</param>
/// <param name="IsPercentage">Written with <c>%</c>.</param>
/// <param name="Location">Where it was written.</param>
public sealed record ResidencyThreshold(
    string Text,
    string Jurisdiction,
    ResidencyMetric Metric,
    ThresholdOperator Operator,
    double Value,
    bool IsPercentage,
    SourceLocation? Location = null)
{
    /// <summary>The prefix that marks a threshold text as a residency threshold.</summary>
    public const string Prefix = "residency:";

    /// <summary>Whether <paramref name="text"/> is written as a residency threshold (starts with <see cref="Prefix"/>).</summary>
    /// <param name="text">A threshold as written.</param>
    public static bool IsWritten(string? text) => text is not null && text.TrimStart().StartsWith(Prefix, StringComparison.Ordinal);
}

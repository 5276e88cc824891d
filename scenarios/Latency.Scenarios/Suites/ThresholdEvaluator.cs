using System.Globalization;

namespace Latency.Scenarios.Suites;

/// <summary>Judges a <see cref="ThresholdDefinition"/> against a <see cref="ThresholdObservation"/>. Pure.</summary>
public static class ThresholdEvaluator
{
    /// <summary>
    /// Compares the observed metric with the threshold's value. A latency threshold fails when no iteration was
    /// recorded: a run that measured nothing must not look like a fast one. Ratios over zero iterations are 0.
    /// </summary>
    public static ThresholdEvaluation Evaluate(ThresholdDefinition threshold, ThresholdObservation observation)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(observation);

        if (threshold.IsLatency && observation.Iterations == 0)
        {
            return new ThresholdEvaluation(threshold, false, double.NaN, $"{threshold.Text}: no iterations were recorded (failed)");
        }

        double observed = threshold.Metric switch
        {
            ThresholdMetric.Percentile => observation.LatencyAtPercentileMicros(
                threshold.Percentile ?? throw new ArgumentException("a percentile threshold needs a percentile", nameof(threshold))),
            ThresholdMetric.Max => observation.MaxMicros,
            ThresholdMetric.Errors => threshold.IsPercentage ? Percent(observation.Errors, observation.Iterations) : observation.Errors,
            ThresholdMetric.Dropped => threshold.IsPercentage ? Percent(observation.Dropped, observation.Intended) : observation.Dropped,
            _ => throw new ArgumentOutOfRangeException(nameof(threshold), threshold.Metric, "unknown metric"),
        };

        var passed = threshold.Operator switch
        {
            ThresholdOperator.LessThan => observed < threshold.Value,
            ThresholdOperator.LessThanOrEqual => observed <= threshold.Value,
            ThresholdOperator.GreaterThan => observed > threshold.Value,
            ThresholdOperator.GreaterThanOrEqual => observed >= threshold.Value,
            ThresholdOperator.Equal => observed == threshold.Value,
            _ => throw new ArgumentOutOfRangeException(nameof(threshold), threshold.Operator, "unknown operator"),
        };

        var shown = threshold.IsLatency ? DurationParser.FormatMicros(observed)
            : threshold.IsPercentage ? string.Create(CultureInfo.InvariantCulture, $"{observed:0.###}%")
            : observed.ToString("0", CultureInfo.InvariantCulture);
        return new ThresholdEvaluation(threshold, passed, observed, $"{threshold.Text}: observed {shown} ({(passed ? "passed" : "failed")})");
    }

    private static double Percent(long part, long whole) => whole == 0 ? 0 : 100.0 * part / whole;
}

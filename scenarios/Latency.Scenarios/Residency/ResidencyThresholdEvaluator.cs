using System.Globalization;
using Latency.Scenarios.Suites;

namespace Latency.Scenarios.Residency;

/// <summary>Judges a <see cref="ResidencyThreshold"/> against a <see cref="ResidencyObservation"/>. Pure.</summary>
public static class ResidencyThresholdEvaluator
{
    /// <summary>
    /// Compares what reached the threshold's jurisdiction with its value. A percentage of nothing is 0%: an option
    /// that sent no user data sent none to a forbidden place either.
    /// </summary>
    /// <param name="threshold">The threshold.</param>
    /// <param name="observation">The option's traffic.</param>
    /// <returns>Whether it passed, the value observed (a count, or a percentage), and one line for reports.</returns>
    public static (bool Passed, double Observed, string Description) Evaluate(ResidencyThreshold threshold, ResidencyObservation observation)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(observation);
        var (part, whole) = threshold.Metric switch
        {
            ResidencyMetric.BytesSent => (observation.BytesSent, observation.TotalBytesSent),
            ResidencyMetric.BytesReceived => (observation.BytesReceived, observation.TotalBytesReceived),
            ResidencyMetric.Requests => (observation.Requests, observation.TotalRequests),
            _ => throw new ArgumentOutOfRangeException(nameof(threshold), threshold.Metric, "unknown residency metric"),
        };
        var observed = threshold.IsPercentage ? whole == 0 ? 0 : 100.0 * part / whole : part;
        var passed = threshold.Operator switch
        {
            ThresholdOperator.Equal => observed == threshold.Value,
            ThresholdOperator.LessThan => observed < threshold.Value,
            ThresholdOperator.LessThanOrEqual => observed <= threshold.Value,
            ThresholdOperator.GreaterThan => observed > threshold.Value,
            ThresholdOperator.GreaterThanOrEqual => observed >= threshold.Value,
            _ => throw new ArgumentOutOfRangeException(nameof(threshold), threshold.Operator, "unknown operator"),
        };
        var unit = threshold.Metric == ResidencyMetric.Requests ? "requests" : "bytes";
        var shown = threshold.IsPercentage
            ? string.Create(CultureInfo.InvariantCulture, $"{observed:0.###}% ({part:N0} of {whole:N0} {unit})")
            : string.Create(CultureInfo.InvariantCulture, $"{part:N0} {unit} of {whole:N0}");
        return (passed, observed, $"{threshold.Text}: observed {shown} ({(passed ? "passed" : "failed")})");
    }
}

namespace Latency.Reports.Statistics;

/// <summary>A quantile with its confidence interval, as returned by the quantile estimators in this folder.</summary>
public sealed record QuantileEstimate
{
    /// <summary>The probability asked, e.g. 0.95 for p95.</summary>
    public required double Probability { get; init; }

    /// <summary>The point estimate (same unit as the histogram, µs for session times). NaN when there are no samples.</summary>
    public required double Estimate { get; init; }

    /// <summary>Lower bound of the confidence interval.</summary>
    public required double Lower { get; init; }

    /// <summary>Upper bound of the confidence interval.</summary>
    public required double Upper { get; init; }

    /// <summary>The interval's confidence level, e.g. 0.95.</summary>
    public required double ConfidenceLevel { get; init; }

    /// <summary>Number of recorded values the estimate is from.</summary>
    public required long Count { get; init; }

    /// <summary>
    /// True when <see cref="Count"/> is below <see cref="SampleSizeRule.MinimumCount"/> for this probability and level:
    /// no pair of order statistics then brackets the quantile with the asked confidence, so the interval is narrower
    /// than it claims. Show the estimate with a warning, or not at all.
    /// </summary>
    public required bool TooFewSamples { get; init; }

    /// <summary>How the estimate and interval were computed, for the report's methods section.</summary>
    public required string Method { get; init; }
}

namespace Latency.Reports.Statistics;

/// <summary>
/// Speed gain at one quantile: origin quantile / in-region quantile, with a bootstrap confidence interval, a narrower
/// 80% interval and the share of bootstrap replicates in which the in-region deployment was faster, all from the same
/// replicates. Graded intervals and a frequency ("faster in 19 of 20 resampled runs") are what lay readers read
/// uncertainty from best (Wilke, "Fundamentals of Data Visualization", ch. 16; Kay et al. 2016).
/// </summary>
public sealed record GainEstimate
{
    /// <summary>The probability, e.g. 0.5 for the p50 gain.</summary>
    public required double Probability { get; init; }

    /// <summary>Origin quantile / in-region quantile of the recorded samples (2.0 = twice as fast in-region). NaN when a side is empty.</summary>
    public required double Gain { get; init; }

    /// <summary>Lower bound of the percentile bootstrap interval.</summary>
    public required double Lower { get; init; }

    /// <summary>Upper bound of the percentile bootstrap interval.</summary>
    public required double Upper { get; init; }

    /// <summary>
    /// Lower bound of the 80% percentile bootstrap interval (<see cref="QuantileRatioBootstrap.InnerConfidenceLevel"/>);
    /// NaN when a side is empty or the estimate was not made by the bootstrap.
    /// </summary>
    public double Lower80 { get; init; } = double.NaN;

    /// <summary>Upper bound of the 80% percentile bootstrap interval; NaN when a side is empty or not estimated.</summary>
    public double Upper80 { get; init; } = double.NaN;

    /// <summary>
    /// Share (0-1) of the bootstrap replicates whose ratio is above 1, i.e. in which the in-region deployment was faster;
    /// a replicate with equal quantiles counts as not faster. NaN when a side is empty or not estimated.
    /// </summary>
    public double ShareFaster { get; init; } = double.NaN;

    /// <summary>The interval's confidence level, e.g. 0.95.</summary>
    public required double ConfidenceLevel { get; init; }

    /// <summary>The origin's quantile (µs for session times).</summary>
    public required double OriginQuantile { get; init; }

    /// <summary>The in-region deployment's quantile.</summary>
    public required double InRegionQuantile { get; init; }

    /// <summary>Values recorded on the origin.</summary>
    public required long OriginCount { get; init; }

    /// <summary>Values recorded in-region.</summary>
    public required long InRegionCount { get; init; }

    /// <summary>True when either side has fewer values than <see cref="SampleSizeRule.MinimumCount"/> for this quantile.</summary>
    public required bool TooFewSamples { get; init; }

    /// <summary>Bootstrap replicates drawn.</summary>
    public required int Replicates { get; init; }

    /// <summary>The seed that reproduces the interval.</summary>
    public required int Seed { get; init; }
}

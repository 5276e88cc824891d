namespace Latency.Reports.Statistics;

/// <summary>Speed gain at one quantile: origin quantile / in-region quantile, with a bootstrap confidence interval.</summary>
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

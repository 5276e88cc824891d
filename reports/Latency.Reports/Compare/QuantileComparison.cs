namespace Latency.Reports.Compare;

/// <summary>One quantile of one row: current / baseline with its 95% bootstrap interval and the verdict.</summary>
public sealed record QuantileComparison
{
    /// <summary>The probability, e.g. 0.95 for p95.</summary>
    public required double Probability { get; init; }

    /// <summary>Current quantile / baseline quantile (1.25 = the current run is 25% slower); NaN when a run has no samples.</summary>
    public required double Ratio { get; init; }

    /// <summary>
    /// Lower bound of the 95% interval of <see cref="Ratio"/>: the bootstrap's, or lower still where the history's
    /// between-run spread says two runs differ by more (<see cref="BetweenRunSpread"/>).
    /// </summary>
    public required double Lower { get; init; }

    /// <summary>Upper bound of the 95% interval of <see cref="Ratio"/> (as <see cref="Lower"/>).</summary>
    public required double Upper { get; init; }

    /// <summary>Lower bound of the 95% percentile bootstrap interval: the noise within the two runs alone.</summary>
    public double WithinRunLower { get; init; } = double.NaN;

    /// <summary>Upper bound of the 95% percentile bootstrap interval.</summary>
    public double WithinRunUpper { get; init; } = double.NaN;

    /// <summary>
    /// Standard deviation of log(run / run) between earlier runs of this row in the history
    /// (<see cref="Statistics.BetweenRunSpread"/>); null when the history had too few runs of it or none was given.
    /// </summary>
    public double? BetweenRunSpread { get; init; }

    /// <summary>Two-sided p-value of the ratio lying outside the tolerance band (<see cref="ToleranceBandTest"/>); NaN when unknown.</summary>
    public double PValue { get; init; } = double.NaN;

    /// <summary>
    /// <see cref="PValue"/> after Benjamini-Hochberg across every quantile of every row compared; the verdict is a change
    /// when it is at most <see cref="ToleranceBandTest.FalseDiscoveryRate"/>. NaN for too few samples.
    /// </summary>
    public double AdjustedPValue { get; init; } = double.NaN;

    /// <summary>True when a run has fewer samples than the interval needs (<see cref="Statistics.SampleSizeRule"/>).</summary>
    public bool TooFewSamples { get; init; }

    /// <summary>The baseline's sample quantile in microseconds.</summary>
    public required double BaselineUs { get; init; }

    /// <summary>The current run's sample quantile in microseconds.</summary>
    public required double CurrentUs { get; init; }

    /// <summary>One of <see cref="CompareVerdict"/>'s verdicts.</summary>
    public required string Verdict { get; init; }

    /// <summary>"p50", "p95", "p99".</summary>
    public string Name => $"p{Probability * 100:0.##}";
}

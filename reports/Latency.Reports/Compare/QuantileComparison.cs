namespace Latency.Reports.Compare;

/// <summary>One quantile of one row: current / baseline with its 95% bootstrap interval and the verdict.</summary>
public sealed record QuantileComparison
{
    /// <summary>The probability, e.g. 0.95 for p95.</summary>
    public required double Probability { get; init; }

    /// <summary>Current quantile / baseline quantile (1.25 = the current run is 25% slower); NaN when a run has no samples.</summary>
    public required double Ratio { get; init; }

    /// <summary>Lower bound of the 95% percentile bootstrap interval of <see cref="Ratio"/>.</summary>
    public required double Lower { get; init; }

    /// <summary>Upper bound of the 95% percentile bootstrap interval of <see cref="Ratio"/>.</summary>
    public required double Upper { get; init; }

    /// <summary>The baseline's sample quantile in microseconds.</summary>
    public required double BaselineUs { get; init; }

    /// <summary>The current run's sample quantile in microseconds.</summary>
    public required double CurrentUs { get; init; }

    /// <summary>One of <see cref="CompareVerdict"/>'s verdicts.</summary>
    public required string Verdict { get; init; }

    /// <summary>"p50", "p95", "p99".</summary>
    public string Name => $"p{Probability * 100:0.##}";
}

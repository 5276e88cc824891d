namespace Latency.Reports.Compare;

/// <summary>One row both runs share, compared at p50, p95 and p99.</summary>
public sealed record RowComparison
{
    public required CompareRow Row { get; init; }

    /// <summary>Samples in the baseline run.</summary>
    public required long BaselineCount { get; init; }

    /// <summary>Samples in the current run.</summary>
    public required long CurrentCount { get; init; }

    /// <summary>p50, p95 and p99, in that order.</summary>
    public required IReadOnlyList<QuantileComparison> Quantiles { get; init; }

    /// <summary>True when any quantile is a <see cref="CompareVerdict.Regression"/>.</summary>
    public bool HasRegression => Quantiles.Any(q => q.Verdict == CompareVerdict.Regression);
}

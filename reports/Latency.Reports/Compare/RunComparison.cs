namespace Latency.Reports.Compare;

/// <summary>
/// What <see cref="RunComparer"/> found: the shared rows compared, the rows only one run has, and why the two runs
/// cannot be compared (<see cref="Differences"/>; then there are no rows).
/// </summary>
public sealed record RunComparison
{
    /// <summary>The baseline run directory.</summary>
    public required string BaselineDirectory { get; init; }

    /// <summary>The current run directory.</summary>
    public required string CurrentDirectory { get; init; }

    /// <summary>The tolerance as a share (0.05 = 5%).</summary>
    public required double Tolerance { get; init; }

    /// <summary>Every reason the runs are not comparable; empty when they are.</summary>
    public IReadOnlyList<string> Differences { get; init; } = [];

    /// <summary>The shared rows, ordered by tag.</summary>
    public IReadOnlyList<RowComparison> Rows { get; init; } = [];

    /// <summary>Quantiles tested together (every row's p50, p95 and p99 with enough samples): the m of the correction.</summary>
    public int Tests { get; init; }

    /// <summary>The most earlier runs any row's between-run spread came from; 0 when no history widened an interval.</summary>
    public int SpreadRuns { get; init; }

    /// <summary>Rows only the baseline has (labels).</summary>
    public IReadOnlyList<string> OnlyInBaseline { get; init; } = [];

    /// <summary>Rows only the current run has (labels).</summary>
    public IReadOnlyList<string> OnlyInCurrent { get; init; } = [];

    /// <summary>True when the runs can be compared.</summary>
    public bool IsComparable => Differences.Count == 0;

    /// <summary>True when any quantile of any row is a regression.</summary>
    public bool HasRegression => Rows.Any(r => r.HasRegression);
}

namespace Latency.Reports.Trend;

/// <summary>What trend.html shows: every selected suite's rows over their runs, and the tolerance to judge them by.</summary>
public sealed record TrendReport
{
    /// <summary>One series per suite and row, grouped by suite in the order suites were first seen.</summary>
    public required IReadOnlyList<TrendSeries> Series { get; init; }

    /// <summary>Distinct runs the series come from.</summary>
    public required int Runs { get; init; }

    /// <summary>A step not worth reporting, as a share (0.05 = 5 %).</summary>
    public required double Tolerance { get; init; }
}

using Latency.Reports.Statistics;

namespace Latency.Reports.Trend;

/// <summary>
/// What a <see cref="TrendSeries"/> says, by <see cref="ChangePointDetector"/>: where its p50 and p95 (the quantiles
/// drawn) change level, and whether it is at a new, slower level by the rule <c>latency history check</c> applies.
/// </summary>
public static class TrendAnalysis
{
    /// <summary>Runs a series needs for a chart: one run is a dot, not a trend.</summary>
    public const int MinRuns = 2;

    /// <summary>
    /// Every change of level of the p50 and p95 series (<see cref="ChangePointDetector.DetectAll"/>) whose step, up or
    /// down, is more than <paramref name="tolerance"/>: ED-PELT cuts at any change of distribution, and a chart marked
    /// with 1 % steps would hide the ones that matter. Ordered by run, p50 before p95.
    /// </summary>
    /// <param name="series">The row's runs.</param>
    /// <param name="tolerance">A step not worth marking, as a share (0.05 = 5 %).</param>
    public static IReadOnlyList<TrendChange> Changes(TrendSeries series, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Drawn
            .SelectMany(q => ChangePointDetector.DetectAll(series.Points.Select(q.Value).ToList())
                .Where(c => c.Before > 0 && Math.Abs(c.Ratio - 1) > tolerance)
                .Select(c => new TrendChange(q.Name, c)))
            .OrderBy(c => c.Point.Index)
            .ToList();
    }

    /// <summary>
    /// The quantiles whose latest runs are a new level more than <paramref name="tolerance"/> slower than the one before
    /// (<see cref="ChangePointDetector.Detect"/> on p50 and on p99, as <c>latency history check</c> judges), p50 first.
    /// </summary>
    /// <param name="series">The row's runs.</param>
    /// <param name="tolerance">A step not worth reporting, as a share (0.05 = 5 %).</param>
    public static IReadOnlyList<TrendChange> SlowerLevels(TrendSeries series, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Judged
            .Select(q => ChangePointDetector.Detect(series.Points.Select(q.Value).ToList(), tolerance) is { } change
                ? new TrendChange(q.Name, change)
                : null)
            .OfType<TrendChange>()
            .ToList();
    }

    /// <summary>The quantiles the chart draws.</summary>
    private static readonly (string Name, Func<TrendPoint, double> Value)[] Drawn = [("p50", p => p.P50Ms), ("p95", p => p.P95Ms)];

    /// <summary>The quantiles <c>history check</c> judges: the median, and the tail (a shift only there is found too).</summary>
    private static readonly (string Name, Func<TrendPoint, double> Value)[] Judged = [("p50", p => p.P50Ms), ("p99", p => p.P99Ms)];
}

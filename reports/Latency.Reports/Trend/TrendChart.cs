using System.Globalization;
using Latency.Reports.Charts;
using ScottPlot;

namespace Latency.Reports.Trend;

/// <summary>
/// trend.html's chart of one suite's row: p50 (solid) and p95 (dashed) in ms over its runs, oldest first; a dotted
/// vertical marker at the first run of each new level (<see cref="TrendAnalysis.Changes"/>) named by its step, e.g.
/// "+20% p50" (red up, green down); and the latest level when it is a new, slower one as <c>history check</c> judges
/// (<see cref="TrendAnalysis.SlowerLevels"/>) shaded red to the newest run.
/// </summary>
/// <remarks>
/// x is the run's place in the series (1, 2, ...) with the history's run number as tick label, not its start time: runs
/// are nightly but not evenly spaced (a missed night, two runs in one), and a change point is a run, not a date.
/// </remarks>
public static class TrendChart
{
    // More tick labels than this crowd the axis of a long history: every n-th run is labelled instead.
    private const int MaxTicks = 15;

    private static readonly Color Slower = ChartStyle.Origin;

    private static readonly Color Faster = ChartStyle.Other(0);

    /// <summary>The chart, named "trend-&lt;suite&gt;-&lt;row&gt;".</summary>
    /// <param name="series">The row's runs, at least <see cref="TrendAnalysis.MinRuns"/>.</param>
    /// <param name="changes">Where its p50 and p95 change level.</param>
    /// <param name="slowerLevels">Its latest level's slower quantiles, or none.</param>
    public static RenderedChart Render(TrendSeries series, IReadOnlyList<TrendChange> changes, IReadOnlyList<TrendChange> slowerLevels)
    {
        ArgumentNullException.ThrowIfNull(series);
        var title = $"{series.Suite}: {series.Row}";
        var description = $"p50 (solid) and p95 (dashed) of {series.Row} in {series.Suite} over {series.Points.Count} runs, in milliseconds, " +
                          "oldest first; dotted lines mark the first run of each new level with its step; a red band marks a latest " +
                          "level that is slower.";
        return ChartStyle.Render(Create(title, series, changes, slowerLevels), ChartStyle.FileName("trend", series.Suite, series.Row),
            title, description);
    }

    /// <summary>Builds the plot (see <see cref="TrendChart"/>).</summary>
    /// <param name="title">The chart's title.</param>
    /// <param name="series">The row's runs.</param>
    /// <param name="changes">Where its p50 and p95 change level.</param>
    /// <param name="slowerLevels">Its latest level's slower quantiles, or none.</param>
    public static Plot Create(string title, TrendSeries series, IReadOnlyList<TrendChange> changes, IReadOnlyList<TrendChange> slowerLevels)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(slowerLevels);
        var plot = ChartStyle.NewPlot(title, "Run (its number in the history), oldest first", "Latency (ms)");
        var points = series.Points;
        if (points.Count == 0)
        {
            plot.Add.Annotation("no runs");
            return plot;
        }

        var xs = Enumerable.Range(0, points.Count).Select(X).ToArray();
        foreach (var start in slowerLevels.Select(s => s.Point.Index).Distinct())
        {
            var band = plot.Add.HorizontalSpan(X(start) - 0.5, X(points.Count - 1) + 0.5, Slower.WithAlpha(0.12));
            band.LineWidth = 0;
            var quantiles = slowerLevels.Where(s => s.Point.Index == start).Select(s => $"{s.Quantile} {Step(s)}");
            band.LegendText = $"slower level from run {points[start].RunId}: {string.Join(", ", quantiles)}";
        }

        ChartStyle.AddQuantileLines(plot, xs, points.Select(p => p.P50Ms).ToArray(), points.Select(p => p.P95Ms).ToArray(),
            ChartStyle.InRegion, series.Row);
        foreach (var atRun in changes.GroupBy(c => c.Point.Index))
        {
            var up = atRun.First().Point.Ratio > 1;
            var marker = plot.Add.VerticalLine(X(atRun.Key), 2, up ? Slower : Faster, LinePattern.Dotted);
            marker.LabelText = string.Join(", ", atRun.Select(c => $"{Step(c)} {c.Quantile}"));
            marker.LabelOppositeAxis = true;
            marker.LabelFontSize = 13;
            marker.LabelFontColor = Colors.White;
            marker.LabelBackgroundColor = up ? Slower : Faster;
            plot.Axes.Top.MinimumSize = 20;
        }

        var every = (points.Count + MaxTicks - 1) / MaxTicks;
        var ticks = Enumerable.Range(0, points.Count).Where(i => i % every == 0).ToList();
        plot.Axes.Bottom.SetTicks(ticks.Select(X).ToArray(),
            ticks.Select(i => points[i].RunId.ToString(CultureInfo.InvariantCulture)).ToArray());
        var maxMs = points.Max(p => Math.Max(p.P50Ms, p.P95Ms));
        plot.Axes.SetLimits(X(0) - 0.5, X(points.Count - 1) + 0.5, 0, maxMs > 0 ? maxMs * 1.15 : 1);
        plot.Legend.Alignment = Alignment.LowerRight;
        plot.ShowLegend();
        return plot;
    }

    /// <summary>A change's step in percent, e.g. "+20%" or "-8%".</summary>
    public static string Step(TrendChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return (change.Point.Ratio - 1).ToString("+0%;-0%", CultureInfo.InvariantCulture);
    }

    /// <summary>The x of the series' <paramref name="index"/>-th run: runs count from 1, as a reader does.</summary>
    private static double X(int index) => index + 1;
}

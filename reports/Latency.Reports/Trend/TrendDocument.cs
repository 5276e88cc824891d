using System.Globalization;
using Latency.Reports.Charts;
using Latency.Reports.Study;

namespace Latency.Reports.Trend;

/// <summary>
/// trend.html as report blocks (<see cref="ReportBlock"/>), rendered by the report's own <see cref="HtmlRenderer"/>
/// (every text escaped, charts embedded as PNG): one paragraph of summary (suites, rows, runs, and the rows at a new,
/// slower level as <c>latency history check</c> judges), then per suite each row's chart, or "not enough runs".
/// </summary>
public static class TrendDocument
{
    /// <summary>The document's title.</summary>
    public const string Title = "Latency trend: p50 and p95 over runs";

    /// <summary>The blocks of <paramref name="report"/>.</summary>
    /// <param name="report">The series and the tolerance.</param>
    /// <param name="charts">The chart of each of <paramref name="report"/>'s series, in the same order; null for a series with too few runs.</param>
    public static IReadOnlyList<ReportBlock> Blocks(TrendReport report, IReadOnlyList<RenderedChart?> charts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(charts);
        if (charts.Count != report.Series.Count)
        {
            throw new ArgumentException($"{charts.Count} charts for {report.Series.Count} series", nameof(charts));
        }

        var blocks = new List<ReportBlock>
        {
            new ReportHeading(1, Title),
            new ReportParagraph(Summary(report)),
            new ReportParagraph(
                "Each chart: one row of one suite, p50 (solid) and p95 (dashed) in ms per run, oldest first, the x axis " +
                "labelled with each run's number in the history. A dotted line marks the first run of a new level of p50 or " +
                $"p95 (ED-PELT, segments of at least 3 runs, steps over {Percent(report.Tolerance)}) with its step; a red band " +
                "marks a latest level that is slower, as 'latency history check' judges it."),
        };
        var indexed = report.Series.Select((series, i) => (Series: series, Chart: charts[i]));
        foreach (var suite in indexed.GroupBy(s => s.Series.Suite, StringComparer.Ordinal))
        {
            blocks.Add(new ReportHeading(2, suite.Key));
            foreach (var (series, chart) in suite)
            {
                if (chart is null)
                {
                    blocks.Add(new ReportParagraph(
                        $"{series.Row}: not enough runs ({series.Points.Count}); a trend needs at least {TrendAnalysis.MinRuns}."));
                    continue;
                }

                blocks.Add(new ReportHeading(3, series.Row));
                blocks.Add(new ReportChart(chart));
                var changes = TrendAnalysis.Changes(series, report.Tolerance);
                blocks.Add(new ReportParagraph(changes.Count == 0
                    ? "No change of level."
                    : "Changes of level: " + string.Join("; ", changes.Select(c =>
                        $"{c.Quantile} {TrendChart.Step(c)} from run {series.Points[c.Point.Index].RunId} ({Ms(c.Point.Before)} -> {Ms(c.Point.After)} ms)")) + "."));
            }
        }

        return blocks;
    }

    /// <summary>
    /// The summary paragraph, e.g. "1 suite, 1 row, 10 runs. At a new, slower level: suite / checkout: p50 slower from
    /// run 6 (+20%, 100.0 -> 120.0 ms)."
    /// </summary>
    public static string Summary(TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var suites = report.Series.Select(s => s.Suite).Distinct(StringComparer.Ordinal).Count();
        var text = $"{Count(suites, "suite")}, {Count(report.Series.Count, "row")}, {Count(report.Runs, "run")}";
        var tooShort = report.Series.Count(s => s.Points.Count < TrendAnalysis.MinRuns);
        if (tooShort > 0)
        {
            text += $" ({Count(tooShort, "row")} with not enough runs for a trend)";
        }

        var rule = $"as 'latency history check' judges: the latest level of p50 or p99 more than {Percent(report.Tolerance)} " +
                   "above the one before, confirmed by 3 runs";
        var slower = report.Series
            .SelectMany(s => TrendAnalysis.SlowerLevels(s, report.Tolerance).Select(c =>
                $"{s.Suite} / {s.Row}: {c.Quantile} slower from run {s.Points[c.Point.Index].RunId} " +
                $"({TrendChart.Step(c)}, {Ms(c.Point.Before)} -> {Ms(c.Point.After)} ms)"))
            .ToList();
        return slower.Count == 0
            ? $"{text}. No row is at a new, slower level ({rule})."
            : $"{text}. At a new, slower level ({rule}): {string.Join("; ", slower)}.";
    }

    private static string Count(int count, string noun) => $"{count.ToString(CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";

    private static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}

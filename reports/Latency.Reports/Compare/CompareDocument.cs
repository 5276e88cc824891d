using System.Globalization;
using Latency.Reports.Study;

namespace Latency.Reports.Compare;

/// <summary>
/// compare.md and compare.html as report blocks (<see cref="ReportBlock"/>), rendered by the report's own
/// <see cref="MarkdownRenderer"/> and <see cref="HtmlRenderer"/>: the verdict first, then one table line per row with
/// current / baseline at p50, p95 and p99, each with its 95% interval and verdict.
/// </summary>
public static class CompareDocument
{
    /// <summary>The document's title.</summary>
    public const string Title = "Latency compare: current / baseline";

    /// <summary>The blocks of the comparison, <paramref name="chart"/> (<see cref="Charts.CompareChart"/>) after the table.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="chart">The chart of its rows, or null for none (runs not comparable, or a chart that failed to draw).</param>
    public static IReadOnlyList<ReportBlock> Blocks(RunComparison comparison, Charts.RenderedChart? chart = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var blocks = new List<ReportBlock>
        {
            new ReportHeading(1, Title),
            new ReportParagraph(Headline(comparison)),
            new ReportList(
            [
                $"Baseline: {comparison.BaselineDirectory}",
                $"Current: {comparison.CurrentDirectory}",
                $"Tolerance: {Percent(comparison.Tolerance)}; {CompareVerdict.Rule(comparison.Tolerance)}.",
            ]),
        };
        if (!comparison.IsComparable)
        {
            blocks.Add(new ReportHeading(2, "Not comparable"));
            blocks.Add(new ReportList(comparison.Differences));
            return blocks;
        }

        blocks.Add(new ReportHeading(2, "Rows"));
        blocks.Add(new ReportParagraph(
            "Ratio = current quantile / baseline quantile (above 1: the current run is slower), with its 95% percentile " +
            $"bootstrap interval ({new Statistics.QuantileRatioBootstrap().Replicates.ToString(CultureInfo.InvariantCulture)} " +
            "resamples of both runs, seeded, as the study report's gains). " + IntervalSource(comparison)));
        var header = new List<string> { "Row", "Baseline n", "Current n" };
        header.AddRange(Statistics.QuantileRatioBootstrap.ReportProbabilities.Select(p => $"p{p * 100:0} ratio (95% interval), verdict"));
        var rows = comparison.Rows.Select(r => (IReadOnlyList<string>)new List<string>
            {
                r.Row.Label, ReportFormat.Count(r.BaselineCount), ReportFormat.Count(r.CurrentCount),
            }.Concat(r.Quantiles.Select(Cell)).ToList()).ToList();
        blocks.Add(new ReportTable(header, rows, new HashSet<int> { 1, 2 }));
        if (chart is not null)
        {
            blocks.Add(new ReportChart(chart));
        }

        if (comparison.OnlyInBaseline.Count > 0)
        {
            blocks.Add(new ReportParagraph($"Only in the baseline (not compared): {string.Join(", ", comparison.OnlyInBaseline)}."));
        }

        if (comparison.OnlyInCurrent.Count > 0)
        {
            blocks.Add(new ReportParagraph($"Only in the current run (not compared): {string.Join(", ", comparison.OnlyInCurrent)}."));
        }

        return blocks;
    }

    /// <summary>The comparison in one sentence, e.g. "Regression: 1 of 4 rows slower beyond the 5% tolerance."</summary>
    public static string Headline(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (!comparison.IsComparable)
        {
            return $"Not comparable: {comparison.Differences.Count} difference(s) between the runs.";
        }

        var regressions = comparison.Rows.Count(r => r.HasRegression);
        var improvements = comparison.Rows.Count(r => !r.HasRegression && r.Quantiles.Any(q => q.Verdict == CompareVerdict.Improvement));
        var tooFew = comparison.Rows.Count(r => r.Quantiles.Any(q => q.Verdict == CompareVerdict.TooFewSamples));
        var text = regressions > 0
            ? $"Regression: {regressions} of {comparison.Rows.Count} rows slower beyond the {Percent(comparison.Tolerance)} tolerance"
            : $"No regression in {comparison.Rows.Count} rows at the {Percent(comparison.Tolerance)} tolerance";
        if (improvements > 0)
        {
            text += $"; {improvements} faster";
        }

        if (tooFew > 0)
        {
            text += $"; {tooFew} with too few samples at some quantile";
        }

        return text + ".";
    }

    /// <summary>
    /// Where the intervals' width comes from and how many tests the verdicts were corrected for, in a sentence: the two
    /// runs alone, or widened by the history's between-run spread.
    /// </summary>
    public static string IntervalSource(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var widened = comparison.Rows.SelectMany(r => r.Quantiles).Count(q => q.BetweenRunSpread is not null);
        var source = comparison.SpreadRuns > 0
            ? $"Intervals widened where this suite's earlier runs on this machine moved more from run to run (history: up to " +
              $"{comparison.SpreadRuns} earlier runs; {widened} of {comparison.Rows.Count * QuantileCount} quantiles had enough runs)."
            : $"Intervals from the two runs alone: no history with {Statistics.BetweenRunSpread.MinimumRuns} earlier runs of this " +
              "suite on this machine, so run-to-run variation beyond these two runs is not in them.";
        return comparison.Tests > 1
            ? $"{source} Verdicts corrected for {comparison.Tests} tests (Benjamini-Hochberg, 5% false discoveries)."
            : source;
    }

    private static int QuantileCount => Statistics.QuantileRatioBootstrap.ReportProbabilities.Count;

    /// <summary>"1.25 (1.21-1.30) regression", or "- too_few_samples" without an interval.</summary>
    public static string Cell(QuantileComparison quantile)
    {
        ArgumentNullException.ThrowIfNull(quantile);
        if (!double.IsFinite(quantile.Ratio))
        {
            return $"- {quantile.Verdict}";
        }

        var interval = double.IsFinite(quantile.Lower) ? $" ({Ratio(quantile.Lower)}-{Ratio(quantile.Upper)})" : "";
        return $"{Ratio(quantile.Ratio)}{interval} {quantile.Verdict}";
    }

    private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}

using System.Globalization;
using Latency.Reports.Compare;
using ScottPlot;

namespace Latency.Reports.Charts;

/// <summary>
/// compare.html's chart: one line per row x quantile (top to bottom in the table's order, p50, p95, p99 of a row
/// together), the ratio current / baseline as a dot coloured by its verdict on a whisker for its 95% bootstrap
/// interval, a dashed vertical line at 1 and a shaded band 1 +- tolerance: a whisker wholly right of the band is a
/// regression, wholly left of it an improvement.
/// </summary>
/// <remarks>
/// A linear ratio axis, not the gain chart's log one: the verdict's band is 1 +- tolerance, symmetric on a linear
/// axis, and compared runs' ratios stay near 1 where log and linear barely differ. The chart grows taller with the
/// lines (a study compares dozens of rows) so lines stay a readable distance apart. Colour is never alone: every
/// verdict also has its own marker shape.
/// </remarks>
public static class CompareChart
{
    /// <summary>File name of the chart.</summary>
    public const string Name = "compare";

    /// <summary>What the vertical line at 1 is called on the chart and in its legend.</summary>
    public const string NoChangeLabel = "1 = no change";

    /// <summary>Pixels per line beyond the report's height: enough for a dot, its whisker and a tick label.</summary>
    public const int LineHeight = 22;

    /// <summary>Line width of a whisker, px.</summary>
    public const float WhiskerWidth = 2;

    private const float DotSize = 10;

    // Above this many lines each dot's ratio is not written beside it: labels would crowd the lines.
    private const int MaxLabelledLines = 24;

    /// <summary>Verdicts in the legend's order, each with its colour and marker.</summary>
    private static readonly (string Verdict, Color Color, MarkerShape Shape)[] Verdicts =
    [
        (CompareVerdict.Regression, ChartStyle.Origin, MarkerShape.FilledTriangleUp),
        (CompareVerdict.NoChange, Colors.DimGray, MarkerShape.FilledCircle),
        (CompareVerdict.Improvement, ChartStyle.Other(0), MarkerShape.FilledTriangleDown),
        (CompareVerdict.TooFewSamples, Color.FromHex("#bbbbbb"), MarkerShape.OpenCircle),
    ];

    /// <summary>The chart of <paramref name="comparison"/>'s rows; ratios that cannot be known (a run without samples) have no dot.</summary>
    public static RenderedChart Render(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var lines = comparison.Rows.Sum(r => r.Quantiles.Count);
        var title = "Current / baseline per row and quantile";
        var description = $"Dots: current quantile / baseline quantile, one line per row and quantile, with the 95% bootstrap interval " +
                          $"as a whisker; the dashed line marks {NoChangeLabel}, the shaded band 1 +- {Percent(comparison.Tolerance)} tolerance. " +
                          "Colour and marker by verdict: a whisker wholly right of the band is a regression, wholly left of it an improvement.";
        var height = Math.Max(ChartStyle.Height, 160 + LineHeight * lines);
        return ChartStyle.Render(Create(comparison, title), Name, title, description, height);
    }

    /// <summary>Builds the plot of <paramref name="comparison"/> (see <see cref="CompareChart"/>).</summary>
    /// <param name="comparison">The compared rows and the tolerance.</param>
    /// <param name="title">The chart's title.</param>
    public static Plot Create(RunComparison comparison, string title)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var plot = ChartStyle.NewPlot(title, "Current / baseline (above 1: current is slower)", "");
        var lines = comparison.Rows.SelectMany(r => r.Quantiles.Select((q, i) => (Row: r, Quantile: q, First: i == 0))).ToList();
        if (lines.Count == 0)
        {
            plot.Add.Annotation("no row in common");
            return plot;
        }

        var tolerance = comparison.Tolerance;
        // Alternate bands tell the rows apart without lines through the dots.
        var y = 0;
        for (var r = 0; r < comparison.Rows.Count; r++)
        {
            var count = comparison.Rows[r].Quantiles.Count;
            if (r % 2 == 1)
            {
                var band = plot.Add.VerticalSpan(Y(y + count - 1, lines.Count) - 0.5, Y(y, lines.Count) + 0.5, Color.FromHex("#f0f0f0"));
                band.LineWidth = 0;
            }

            y += count;
        }

        var toleranceBand = plot.Add.HorizontalSpan(1 - tolerance, 1 + tolerance, Color.FromHex("#1f77b4").WithAlpha(0.15));
        toleranceBand.LineWidth = 0;
        ChartStyle.AddReferenceLine(plot, 1, NoChangeLabel);

        var legend = new List<LegendItem>();
        foreach (var (verdict, color, shape) in Verdicts)
        {
            var chosen = Enumerable.Range(0, lines.Count).Where(i => lines[i].Quantile.Verdict == verdict && double.IsFinite(lines[i].Quantile.Ratio)).ToList();
            if (chosen.Count == 0)
            {
                continue;
            }

            var whiskers = chosen.Where(i => double.IsFinite(lines[i].Quantile.Lower) && double.IsFinite(lines[i].Quantile.Upper)).ToList();
            if (whiskers.Count > 0)
            {
                // Centred on the lower bound, reaching to the upper (as the gain chart's intervals): the dot need not be central.
                plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(
                    whiskers.Select(i => lines[i].Quantile.Lower).ToArray(),
                    whiskers.Select(i => Y(i, lines.Count)).ToArray(),
                    whiskers.Select(i => Math.Max(0, lines[i].Quantile.Upper - lines[i].Quantile.Lower)).ToArray(),
                    new double[whiskers.Count], null, null)
                {
                    LineColor = color,
                    LineWidth = WhiskerWidth,
                    CapSize = 0,
                });
            }

            var dots = plot.Add.Markers(chosen.Select(i => lines[i].Quantile.Ratio).ToArray(), chosen.Select(i => Y(i, lines.Count)).ToArray(),
                shape, DotSize, color);
            dots.LegendText = "";
            legend.Add(new LegendItem
            {
                LabelText = verdict, LineColor = color, LineWidth = WhiskerWidth, MarkerShape = shape, MarkerSize = DotSize,
                MarkerFillColor = color, MarkerLineColor = color,
            });
        }

        legend.Add(new LegendItem { LabelText = NoChangeLabel, LineColor = Colors.Black, LineWidth = 2, LinePattern = LinePattern.Dashed });
        legend.Add(new LegendItem
        {
            LabelText = $"1 +- {Percent(tolerance)} tolerance", LineWidth = 0, MarkerShape = MarkerShape.FilledSquare, MarkerSize = 14,
            MarkerFillColor = toleranceBand.FillColor, MarkerLineColor = toleranceBand.FillColor,
        });

        var finite = lines.SelectMany(l => new[] { l.Quantile.Ratio, l.Quantile.Lower, l.Quantile.Upper }).Where(double.IsFinite).ToList();
        var low = Math.Min(1 - tolerance, finite.Count > 0 ? finite.Min() : 1);
        var high = Math.Max(1 + tolerance, finite.Count > 0 ? finite.Max() : 1);
        var pad = Math.Max(0.01, (high - low) * 0.05);
        var labelled = lines.Count <= MaxLabelledLines;
        if (labelled)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var q = lines[i].Quantile;
                if (!double.IsFinite(q.Ratio))
                {
                    continue;
                }

                var text = plot.Add.Text(q.Ratio.ToString("0.00", CultureInfo.InvariantCulture), double.IsFinite(q.Upper) ? Math.Max(q.Upper, q.Ratio) : q.Ratio, Y(i, lines.Count));
                text.LabelFontSize = 12;
                text.LabelAlignment = Alignment.MiddleLeft;
                text.OffsetX = 8;
            }
        }

        plot.Axes.Left.SetTicks(
            Enumerable.Range(0, lines.Count).Select(i => Y(i, lines.Count)).ToArray(),
            lines.Select(l => l.First ? $"{l.Row.Row.Label}  {l.Quantile.Name}" : l.Quantile.Name).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.Axes.SetLimits(low - pad, high + (labelled ? pad + (high - low) * 0.1 : pad), -0.5, lines.Count - 0.5);
        plot.Legend.ManualItems.AddRange(legend);
        plot.Legend.SymbolWidth = 30;
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>The y of line <paramref name="index"/>: the first line on top, as in the table.</summary>
    private static double Y(int index, int count) => count - 1 - index;

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}

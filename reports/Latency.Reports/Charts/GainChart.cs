using System.Globalization;
using Latency.Reports.Study;
using ScottPlot;

namespace Latency.Reports.Charts;

/// <summary>
/// Gain per country as a horizontal dot-and-interval chart: one band per country (top to bottom in the study's order),
/// one dot per workload in it (a colour per workload, in the same slot in every band) on a thick bar for the 80%
/// bootstrap interval and a thin line for the 95% one, on one log gain axis with a dashed line labelled
/// "1x = no gain"; right of it the in-region deployment is faster.
/// </summary>
/// <remarks>
/// A study has about 7 countries x 6 workloads: as grouped vertical bars with whiskers that was 42 thin bars whose
/// whiskers and legend covered each other. Dots need no width of their own, so each gets a row; a log axis puts 2x and
/// 0.5x at the same distance from 1x and keeps a 10x gain from flattening the 1.2x ones; the legend sits outside.
/// Two graded intervals instead of one error bar because lay readers take a single bar's ends as hard limits; a thick
/// likely range inside a thin very likely one shows that the gain is less and less plausible away from the dot
/// (Wilke, "Fundamentals of Data Visualization", ch. 16; Kay et al. 2016). No caps: they would add marks that look
/// like the ends of the data.
/// </remarks>
public static class GainChart
{
    /// <summary>File name of the chart.</summary>
    public const string Name = "gain";

    /// <summary>Up to this many workloads each dot is labelled with its gain; more labels would crowd the rows.</summary>
    public const int MaxLabelledWorkloads = 2;

    /// <summary>Line width of the 95% interval, px: thin, so the 80% bar stands out as the likely range.</summary>
    public const float ThinWidth = 1.5f;

    /// <summary>Line width of the 80% interval, px: thick, yet half the 10 px between workloads' rows of a full study.</summary>
    public const float ThickWidth = 5;

    /// <summary>What the 1x line is called on the chart and in its legend.</summary>
    public const string NoGainLabel = "1x = no gain";

    /// <summary>The legend's words for the two intervals, also in the chart's description.</summary>
    public const string IntervalKey = "thick: 80% interval, thin: 95% interval";

    // Wider than the thick bar, so every dot shows on its bar; under the 10 px between a full study's rows.
    private const float DotSize = 9;

    /// <summary>The gain chart of every row with a gain (rows in the summary's order: probes, then workloads by name).</summary>
    public static RenderedChart Render(IReadOnlyList<RowStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var origins = statistics.Select(s => s.Row.Origin.Deployment).Distinct(StringComparer.Ordinal).ToList();
        return Render(From(statistics), origins.Count == 1 ? origins[0] : "origin");
    }

    /// <summary>
    /// The points of the rows with a gain: the first table's p50 gain with the bootstrap's 95% and 80% intervals. Rows
    /// whose verdict is "errors" are left out: their successful sessions are not what users of the failing side see.
    /// </summary>
    public static IReadOnlyList<GainPoint> From(IReadOnlyList<RowStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return statistics
            .Where(s => s.Row.GainP50 is not null && s.Verdict != StudyVerdict.Errors)
            .Select(s => new GainPoint(
                s.Row.Country, s.Row.City, WorkloadLabel.Of(s.Row.Workload), s.Row.GainP50!.Value,
                Finite(s.GainP50?.Lower), Finite(s.GainP50?.Upper), s.GainP50?.TooFewSamples ?? false,
                Finite(s.GainP50?.Lower80), Finite(s.GainP50?.Upper80)))
            .ToList();
    }

    /// <summary>The chart of <paramref name="points"/>.</summary>
    public static RenderedChart Render(IReadOnlyList<GainPoint> points, string originName)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(originName);
        var title = $"Speed gain per country: {originName} p50 / in-region p50";
        var description = $"Dots: how many times faster the median session is in region than on {originName}, one row per " +
                          $"country and workload (a colour per workload), with bootstrap intervals ({IntervalKey}); log scale, " +
                          $"the dashed line marks {NoGainLabel}, right of it the in-region deployment is faster" +
                          (points.Any(p => p.TooFewSamples) ? "; open dots had too few sessions for the interval." : ".");
        return ChartStyle.Render(Create(points, title, originName), Name, title, description);
    }

    /// <summary>
    /// Builds the plot. Countries are the distinct (country, city) pairs in first-seen order, top to bottom; workloads
    /// the distinct labels in first-seen order, top to bottom within each country, one colour and one series each.
    /// </summary>
    public static Plot Create(IReadOnlyList<GainPoint> points, string title, string originName)
    {
        ArgumentNullException.ThrowIfNull(points);
        var plot = ChartStyle.NewPlot(title, "How many times faster in region (median session, log scale)", "");
        if (points.Count == 0)
        {
            plot.Add.Annotation("no gain: no country has sessions on both deployments");
            return plot;
        }

        var countries = points.Select(p => (p.Country, p.City)).Distinct().ToList();
        var workloads = points.Select(p => p.Workload).Distinct(StringComparer.Ordinal).ToList();
        var labelled = workloads.Count <= MaxLabelledWorkloads;

        // Alternate bands tell the countries apart without lines through the dots.
        for (var c = 1; c < countries.Count; c += 2)
        {
            var band = plot.Add.VerticalSpan(Row(c, countries.Count) - 0.5, Row(c, countries.Count) + 0.5, Color.FromHex("#f0f0f0"));
            band.LineWidth = 0;
        }

        ChartStyle.AddReferenceLine(plot, 0, NoGainLabel);
        var legend = new List<LegendItem>();
        for (var w = 0; w < workloads.Count; w++)
        {
            var color = workloads.Count == 1 ? ChartStyle.InRegion : ChartStyle.Other(w);
            var series = points.Where(p => p.Workload == workloads[w]).ToList();
            var ys = series.Select(p => Row(countries.IndexOf((p.Country, p.City)), countries.Count) + Offset(w, workloads.Count)).ToArray();

            // The 95% line first, the 80% bar over it, the dots on top.
            AddIntervals(plot, series, ys, p => (p.Lower, p.Upper), color, ThinWidth);
            AddIntervals(plot, series, ys, p => (p.Lower80, p.Upper80), color, ThickWidth);
            AddDots(plot, series, ys, color, open: false);
            AddDots(plot, series, ys, color, open: true);
            if (labelled)
            {
                for (var i = 0; i < series.Count; i++)
                {
                    var text = plot.Add.Text(
                        series[i].Gain.ToString("0.00", CultureInfo.InvariantCulture) + "x", Math.Log10(Highest(series[i])), ys[i]);
                    text.LabelFontSize = 14;
                    text.LabelAlignment = Alignment.MiddleLeft;
                    text.OffsetX = 8;
                }
            }

            legend.Add(new LegendItem
            {
                LabelText = workloads[w], LineColor = color, LineWidth = ThickWidth, MarkerShape = MarkerShape.FilledCircle, MarkerSize = DotSize,
                MarkerFillColor = color, MarkerLineColor = color,
            });
        }

        var key = IntervalKey.Split(", ");
        legend.Add(new LegendItem { LabelText = key[0], LineColor = Colors.DimGray, LineWidth = ThickWidth });
        legend.Add(new LegendItem { LabelText = key[1], LineColor = Colors.DimGray, LineWidth = ThinWidth });
        legend.Add(new LegendItem { LabelText = NoGainLabel, LineColor = Colors.Black, LineWidth = 2, LinePattern = LinePattern.Dashed });
        if (points.Any(p => p.TooFewSamples))
        {
            var open = new LegendItem { LabelText = "too few sessions", MarkerShape = MarkerShape.FilledCircle, MarkerSize = DotSize, LineWidth = 0 };
            open.MarkerStyle.FillColor = Colors.White;
            open.MarkerStyle.OutlineColor = Colors.Gray;
            open.MarkerStyle.OutlineWidth = 2;
            legend.Add(open);
        }

        // Gain axis: log10 of the gain, ticks at 1-2-5 (denser on short ranges) labelled as gains; labels need room on the right.
        var lowLog = Math.Min(0, points.Min(p => Math.Log10(Lowest(p))));
        var highLog = Math.Max(0, points.Max(p => Math.Log10(Highest(p))));
        var pad = Math.Max(0.03, (highLog - lowLog) * 0.04);
        lowLog -= pad;
        highLog += labelled ? pad + (highLog - lowLog) * 0.12 : pad;
        var (positions, tickLabels) = ChartStyle.LogTicks(lowLog, highLog, "x");
        plot.Axes.Bottom.SetTicks(positions, tickLabels);
        plot.Axes.Left.SetTicks(
            Enumerable.Range(0, countries.Count).Select(c => Row(c, countries.Count)).ToArray(),
            countries.Select(c => c.City is null ? c.Country : $"{c.Country}\n{c.City}").ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.Axes.SetLimits(lowLog, highLog, -0.5, countries.Count - 0.5);
        plot.Legend.ManualItems.AddRange(legend);
        // Long enough to show the 1x line's dashes and a bar either side of the dot.
        plot.Legend.SymbolWidth = 30;
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>The y of country <paramref name="index"/>'s band centre: the first country on top, as in a table.</summary>
    private static double Row(int index, int count) => count - 1 - index;

    /// <summary>
    /// Workload <paramref name="index"/>'s place in a band: the first on top, evenly spaced about the centre, a band's
    /// height / count apart, so rows are as far apart across a band's edge as within it (the most room a dot and its
    /// 80% bar get: a full study leaves about 10 px a row), and no further apart than 0.3 (two workloads stay close to
    /// their country's label).
    /// </summary>
    private static double Offset(int index, int count)
    {
        var step = Math.Min(1.0 / count, 0.3);
        return step * ((count - 1) / 2.0 - index);
    }

    /// <summary>
    /// One line per point of <paramref name="series"/> that has both bounds <paramref name="bounds"/> picks, from the
    /// lower to the upper bound on the log axis, at the point's row.
    /// </summary>
    private static void AddIntervals(
        Plot plot, List<GainPoint> series, double[] ys, Func<GainPoint, (double? Lower, double? Upper)> bounds, Color color, float width)
    {
        var chosen = Enumerable.Range(0, series.Count).Where(i => bounds(series[i]) is ({ }, { })).ToList();
        if (chosen.Count == 0)
        {
            return;
        }

        // Centred on the lower bound, reaching to the upper: an error bar is the one ScottPlot plottable that draws
        // many horizontal segments in one series, and a dot inside a wide interval need not be at its centre.
        var xs = chosen.Select(i => Math.Log10(bounds(series[i]).Lower!.Value)).ToArray();
        var lengths = chosen.Select(i => Math.Max(0, Math.Log10(bounds(series[i]).Upper!.Value) - Math.Log10(bounds(series[i]).Lower!.Value))).ToArray();
        plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(xs, chosen.Select(i => ys[i]).ToArray(), lengths, new double[xs.Length], null, null)
        {
            LineColor = color,
            LineWidth = width,
            CapSize = 0,
        });
    }

    private static void AddDots(Plot plot, List<GainPoint> series, double[] ys, Color color, bool open)
    {
        var chosen = Enumerable.Range(0, series.Count).Where(i => series[i].TooFewSamples == open).ToList();
        if (chosen.Count == 0)
        {
            return;
        }

        // Open dots are filled white, not hollow: a hollow dot would show the bar through it and read as a bar.
        var dots = plot.Add.Markers(chosen.Select(i => Math.Log10(series[i].Gain)).ToArray(), chosen.Select(i => ys[i]).ToArray(),
            MarkerShape.FilledCircle, DotSize, color);
        if (open)
        {
            dots.MarkerStyle.FillColor = Colors.White;
            dots.MarkerStyle.OutlineColor = color;
            dots.MarkerStyle.OutlineWidth = 2;
        }
    }

    /// <summary>The smallest of the point's gain and its bounds (the axis must show them all).</summary>
    private static double Lowest(GainPoint point) => new[] { point.Gain, point.Lower ?? point.Gain, point.Lower80 ?? point.Gain }.Min();

    /// <summary>The largest of the point's gain and its bounds; a label goes right of it.</summary>
    private static double Highest(GainPoint point) => new[] { point.Gain, point.Upper ?? point.Gain, point.Upper80 ?? point.Gain }.Max();

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : null;
}

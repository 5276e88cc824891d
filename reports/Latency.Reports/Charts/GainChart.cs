using System.Globalization;
using Latency.Reports.Study;
using ScottPlot;

namespace Latency.Reports.Charts;

/// <summary>
/// Gain per country as a horizontal dot-and-whisker chart: one band per country (top to bottom in the study's order),
/// one dot per workload in it (a colour per workload, in the same slot in every band), the 95% bootstrap interval as
/// whiskers, on one log gain axis with a dashed line at 1x; right of it the in-region deployment is faster.
/// </summary>
/// <remarks>
/// A study has about 7 countries x 6 workloads: as grouped vertical bars with whiskers that was 42 thin bars whose
/// whiskers and legend covered each other. Dots need no width of their own, so each gets a row; a log axis puts 2x and
/// 0.5x at the same distance from 1x and keeps a 10x gain from flattening the 1.2x ones; the legend sits outside.
/// </remarks>
public static class GainChart
{
    /// <summary>File name of the chart.</summary>
    public const string Name = "gain";

    /// <summary>Up to this many workloads each dot is labelled with its gain; more labels would crowd the rows.</summary>
    public const int MaxLabelledWorkloads = 2;

    /// <summary>The gain chart of every row with a gain (rows in the summary's order: probes, then workloads by name).</summary>
    public static RenderedChart Render(IReadOnlyList<RowStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var origins = statistics.Select(s => s.Row.Origin.Deployment).Distinct(StringComparer.Ordinal).ToList();
        return Render(From(statistics), origins.Count == 1 ? origins[0] : "origin");
    }

    /// <summary>
    /// The points of the rows with a gain: the first table's p50 gain with the bootstrap interval. Rows whose verdict
    /// is "errors" are left out: their successful sessions are not what users of the failing side see.
    /// </summary>
    public static IReadOnlyList<GainPoint> From(IReadOnlyList<RowStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return statistics
            .Where(s => s.Row.GainP50 is not null && s.Verdict != StudyVerdict.Errors)
            .Select(s => new GainPoint(
                s.Row.Country, s.Row.City, WorkloadLabel.Of(s.Row.Workload), s.Row.GainP50!.Value,
                Finite(s.GainP50?.Lower), Finite(s.GainP50?.Upper), s.GainP50?.TooFewSamples ?? false))
            .ToList();
    }

    /// <summary>The chart of <paramref name="points"/>.</summary>
    public static RenderedChart Render(IReadOnlyList<GainPoint> points, string originName)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(originName);
        var title = $"Speed gain per country: {originName} p50 / in-region p50";
        var description = $"Dots: how many times faster the median session is in region than on {originName}, one row per " +
                          "country and workload (a colour per workload), with the 95% bootstrap interval as whiskers; log scale, " +
                          "the dashed line marks 1x (no gain), right of it the in-region deployment is faster" +
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
        var plot = ChartStyle.NewPlot(title, $"Gain: {originName} p50 / in-region p50 (log scale; right of 1x: faster in region)", "");
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

        var one = plot.Add.VerticalLine(0, 2, Colors.Black, LinePattern.Dashed);
        var legend = new List<LegendItem>();
        double lowLog = 0, highLog = 0;
        for (var w = 0; w < workloads.Count; w++)
        {
            var color = workloads.Count == 1 ? ChartStyle.InRegion : ChartStyle.Other(w);
            var series = points.Where(p => p.Workload == workloads[w]).ToList();
            var xs = series.Select(p => Math.Log10(p.Gain)).ToArray();
            var ys = series.Select(p => Row(countries.IndexOf((p.Country, p.City)), countries.Count) + Offset(w, workloads.Count)).ToArray();
            var lows = series.Select(p => Math.Log10(p.Lower ?? p.Gain)).ToArray();
            var highs = series.Select(p => Math.Log10(p.Upper ?? p.Gain)).ToArray();
            lowLog = Math.Min(lowLog, Math.Min(lows.Min(), xs.Min()));
            highLog = Math.Max(highLog, Math.Max(highs.Max(), xs.Max()));

            var whiskers = new ScottPlot.Plottables.ErrorBar(
                xs, ys, xs.Select((x, i) => Math.Max(0, highs[i] - x)).ToArray(), xs.Select((x, i) => Math.Max(0, x - lows[i])).ToArray(), null, null)
            {
                LineColor = color,
                LineWidth = 2,
                CapSize = 5,
            };
            plot.Add.Plottable(whiskers);

            AddDots(plot, series, xs, ys, color, open: false);
            AddDots(plot, series, xs, ys, color, open: true);
            if (labelled)
            {
                for (var i = 0; i < series.Count; i++)
                {
                    var text = plot.Add.Text(series[i].Gain.ToString("0.00", CultureInfo.InvariantCulture) + "x", Math.Max(highs[i], xs[i]), ys[i]);
                    text.LabelFontSize = 14;
                    text.LabelAlignment = Alignment.MiddleLeft;
                    text.OffsetX = 8;
                }
            }

            legend.Add(new LegendItem
            {
                LabelText = workloads[w], LineColor = color, LineWidth = 2, MarkerShape = MarkerShape.FilledCircle, MarkerSize = 9,
                MarkerFillColor = color, MarkerLineColor = color,
            });
        }

        legend.Add(new LegendItem { LabelText = "1x: no gain", LineColor = Colors.Black, LineWidth = 2, LinePattern = LinePattern.Dashed });
        if (points.Any(p => p.TooFewSamples))
        {
            legend.Add(new LegendItem
            {
                LabelText = "too few sessions", MarkerShape = MarkerShape.OpenCircle, MarkerSize = 9, MarkerLineColor = Colors.Gray,
                MarkerLineWidth = 2, LineWidth = 0,
            });
        }

        // Gain axis: log10 of the gain, ticks at 1-2-5 (denser on short ranges) labelled as gains; labels need room on the right.
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
        // Long enough to show the 1x line's dashes and a whisker either side of the dot.
        plot.Legend.SymbolWidth = 30;
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>The y of country <paramref name="index"/>'s band centre: the first country on top, as in a table.</summary>
    private static double Row(int index, int count) => count - 1 - index;

    /// <summary>
    /// Workload <paramref name="index"/>'s place in a band: the first on top, evenly spaced about the centre, at most
    /// 80% of the band in all and no further apart than 0.3 (two workloads stay close to their country's label).
    /// </summary>
    private static double Offset(int index, int count)
    {
        var step = count == 1 ? 0 : Math.Min(0.8 / (count - 1), 0.3);
        return step * ((count - 1) / 2.0 - index);
    }

    private static void AddDots(Plot plot, List<GainPoint> series, double[] xs, double[] ys, Color color, bool open)
    {
        var chosen = Enumerable.Range(0, series.Count).Where(i => series[i].TooFewSamples == open).ToList();
        if (chosen.Count == 0)
        {
            return;
        }

        var dots = plot.Add.Markers(chosen.Select(i => xs[i]).ToArray(), chosen.Select(i => ys[i]).ToArray(),
            open ? MarkerShape.OpenCircle : MarkerShape.FilledCircle, 9, color);
        if (open)
        {
            dots.MarkerStyle.LineWidth = 2;
        }
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : null;
}

using HdrHistogram;
using Latency.Reports.Study;
using ScottPlot;

namespace Latency.Reports.Charts;

/// <summary>
/// Latency CDF of one probe: the share of sessions finished within a time, per deployment, on a log time axis
/// (session times span decades: a warm heartbeat and a cold start on a far origin belong on one chart).
/// </summary>
public static class LatencyCdfChart
{
    /// <summary>
    /// The CDF chart of <paramref name="row"/>'s workload: origin and in-region sessions overlaid.
    /// Histograms come from <paramref name="totals"/> by the row's tags; a deployment without sessions is left out.
    /// </summary>
    public static RenderedChart Render(StudyRow row, IReadOnlyDictionary<RunDirectory.HistogramTag, HistogramBase> totals)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(totals);
        var series = new List<CdfSeries>();
        if (totals.TryGetValue(row.Origin.Tag, out var origin) && origin.TotalCount > 0)
        {
            series.Add(new CdfSeries($"{row.Origin.Deployment} (origin), n={origin.TotalCount}", origin, ChartStyle.Origin));
        }

        if (row.InRegion is { } near && totals.TryGetValue(near.Tag, out var inRegion) && inRegion.TotalCount > 0)
        {
            series.Add(new CdfSeries($"{near.Deployment} (in region), n={inRegion.TotalCount}", inRegion, ChartStyle.InRegion));
        }

        var label = WorkloadLabel.Of(row.Workload);
        var title = $"{row.Place}: {label} session time";
        var description = $"Cumulative distribution of {label} session times from {row.Place}, " +
                          string.Join(" vs ", series.Select(s => s.Label)) + "; time axis logarithmic, in milliseconds.";
        return ChartStyle.Render(Create(title, series), $"cdf-{row.Probe}", title, description);
    }

    /// <summary>Builds the plot: x = session time in ms (log10 scale, 1-2-5 ticks), y = share of sessions in percent.</summary>
    public static Plot Create(string title, IReadOnlyList<CdfSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = ChartStyle.NewPlot(title, "Session time (ms, log scale)", "Sessions finished within that time (%)");
        double minMs = double.MaxValue, maxMs = double.MinValue;
        foreach (var s in series)
        {
            var (xs, ys) = Points(s.Histogram);
            if (xs.Length == 0)
            {
                continue;
            }

            minMs = Math.Min(minMs, Math.Pow(10, xs[0]));
            maxMs = Math.Max(maxMs, Math.Pow(10, xs[^1]));
            var line = plot.Add.ScatterLine(xs, ys, s.Color);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2.5f;
            line.LegendText = s.Label;
        }

        if (minMs > maxMs)
        {
            plot.Add.Annotation("no sessions recorded");
            return plot;
        }

        // Log axis: the data is plotted as log10(ms), and ticks at 1-2-5 x 10^k carry the real values.
        var low = Math.Log10(minMs) - 0.05;
        var high = Math.Log10(maxMs) + 0.05;
        var (positions, labels) = ChartStyle.LogTicks(low, high);
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.SetLimits(low, high, 0, 102);
        plot.Legend.Alignment = Alignment.LowerRight;
        plot.ShowLegend();
        return plot;
    }

    /// <summary>
    /// Step points of the CDF: x = log10 of each recorded bucket's highest value in ms, y = percent of values up to
    /// it; starts at 0% at the lowest value so the curve rises from the axis.
    /// </summary>
    public static (double[] LogMs, double[] Percent) Points(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return ([], []);
        }

        var xs = new List<double>();
        var ys = new List<double>();
        var total = (double)histogram.TotalCount;
        foreach (var bucket in histogram.RecordedValues())
        {
            var ms = Math.Max(bucket.ValueIteratedTo, 1) / 1000.0;
            if (xs.Count == 0)
            {
                xs.Add(Math.Log10(Math.Max(histogram.LowestEquivalentValue(bucket.ValueIteratedTo), 1) / 1000.0));
                ys.Add(0);
            }

            xs.Add(Math.Log10(ms));
            ys.Add(100.0 * bucket.TotalCountToThisValue / total);
        }

        return (xs.ToArray(), ys.ToArray());
    }
}

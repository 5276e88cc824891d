using System.Globalization;
using Latency.Reports.Study;
using ScottPlot;

namespace Latency.Reports.Charts;

/// <summary>
/// Gain per country: bars of origin p50 / in-region p50 per probe, one bar per workload, with a dashed line at 1x
/// (above it the in-region deployment is faster). Issue 5 adds CI whiskers to the same bars.
/// </summary>
public static class GainChart
{
    /// <summary>File name of the chart.</summary>
    public const string Name = "gain";

    /// <summary>The gain chart of every row with a gain; workloads in name order, probes in the summary's order.</summary>
    public static RenderedChart Render(StudySummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var origins = summary.Rows.Select(r => r.Origin.Deployment).Distinct(StringComparer.Ordinal).ToList();
        var originName = origins.Count == 1 ? origins[0] : "origin";
        var title = $"Speed gain per country: {originName} p50 / in-region p50";
        var description = "Bars: how many times faster the median session is in region than on " + originName +
                          ", per country and workload; the dashed line marks 1x (no gain).";
        return ChartStyle.Render(Create(summary, title, originName), Name, title, description);
    }

    /// <summary>Builds the plot.</summary>
    public static Plot Create(StudySummary summary, string title, string originName)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var plot = ChartStyle.NewPlot(title, "Country (probe city)", $"Gain: {originName} p50 / in-region p50 (x)");
        var probes = summary.Probes;
        var workloads = summary.Workloads;
        const double groupWidth = 0.8;
        var barWidth = groupWidth / Math.Max(1, workloads.Count);
        var maxGain = 1.0;
        for (var w = 0; w < workloads.Count; w++)
        {
            var color = workloads.Count == 1 ? ChartStyle.InRegion : ChartStyle.Other(w);
            var bars = new List<Bar>();
            for (var p = 0; p < probes.Count; p++)
            {
                var row = summary.Rows.FirstOrDefault(r => r.Probe == probes[p] && r.Workload == workloads[w]);
                if (row?.GainP50 is not { } gain)
                {
                    continue;
                }

                maxGain = Math.Max(maxGain, gain);
                bars.Add(new Bar
                {
                    Position = p - groupWidth / 2 + barWidth * (w + 0.5),
                    Value = gain,
                    Size = barWidth * 0.9,
                    FillColor = color,
                    LineWidth = 0,
                    Label = workloads.Count <= 2 ? gain.ToString("0.0", CultureInfo.InvariantCulture) + "x" : "",
                });
            }

            var barPlot = plot.Add.Bars(bars);
            barPlot.LegendText = WorkloadLabel.Of(workloads[w]);
            barPlot.ValueLabelStyle.FontSize = 14;
        }

        var one = plot.Add.HorizontalLine(1, 2, Colors.Black, LinePattern.Dashed);
        one.LegendText = "1x: no gain";

        var positions = Enumerable.Range(0, probes.Count).Select(i => (double)i).ToArray();
        var labels = probes.Select(p =>
        {
            var row = summary.Rows.First(r => r.Probe == p);
            return row.City is null ? row.Country : $"{row.Country}\n{row.City}";
        }).ToArray();
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-0.6, Math.Max(0, probes.Count - 1) + 0.6, 0, maxGain * 1.15);
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.ShowLegend();
        return plot;
    }
}

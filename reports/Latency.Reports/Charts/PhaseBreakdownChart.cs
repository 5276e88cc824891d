using HdrHistogram;
using Latency.RunDirectory;
using Latency.Reports.Study;
using ScottPlot;

namespace Latency.Reports.Charts;

/// <summary>
/// Phase breakdown of one probe's workload: per deployment a stacked bar of the mean session time, split along each
/// session's critical path into DNS, connect, TLS, TTFB, transfer, think and other time, in ms. Shows whether the
/// in-region gain comes from round trips (connect, TLS, TTFB) or from bandwidth (transfer).
/// </summary>
/// <remarks>
/// Why means of the critical path: a session's requests overlap (parallel groups, replayed captures), so adding up
/// their own phases counted parallel requests several times, and the bars of the old chart (per-request medians
/// summed over a session) stood far above the session time beside them (issue 10, point 7: 5,413 ms for a 2,105 ms
/// p50). Along the critical path each moment of a session counts once, and <c>other</c> takes the rest, so one
/// session's parts add up to its time; the engine records them per session at the session step. Means of parts add
/// up to the mean of the whole; medians do not, so the bar is the mean session time, and the report shows that mean
/// in its Sessions per deployment table.
/// </remarks>
public static class PhaseBreakdownChart
{
    /// <summary>Legend text per part, bottom to top.</summary>
    public static readonly IReadOnlyList<(string Phase, string Label)> PhaseLabels =
    [
        (HistogramTag.Radio, "Radio"), (HistogramTag.Dns, "DNS"), (HistogramTag.Connect, "Connect"), (HistogramTag.Tls, "TLS"),
        (HistogramTag.Ttfb, "TTFB"), (HistogramTag.Transfer, "Transfer"), (HistogramTag.Think, "Think"), (HistogramTag.Other, "Other"),
    ];

    private static readonly Color[] PhaseColors =
    [
        Color.FromHex("#e377c2"), Color.FromHex("#9467bd"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"),
        Color.FromHex("#17becf"), Color.FromHex("#8c564b"), Color.FromHex("#bcbd22"), Color.FromHex("#c7c7c7"),
    ];

    /// <summary>The chart, named "phases-&lt;probe&gt;-&lt;workload&gt;".</summary>
    /// <param name="bars">The bars, in order (<see cref="From"/>).</param>
    /// <param name="place">Where the probe's users are, for people.</param>
    /// <param name="probe">The probe's name.</param>
    /// <param name="workload">The workload's name.</param>
    public static RenderedChart Render(IReadOnlyList<PhaseBar> bars, string place, string probe, string workload)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var label = WorkloadLabel.Of(workload);
        var title = $"{place}: {label} mean session time by phase";
        var description = $"Stacked bars per deployment of the mean {label} session time from {place}, split along each session's " +
                          "critical path (the requests and waits that decided when it ended) into " +
                          (bars.Any(b => b.RadioMs > 0) ? "waiting for the handset's radio, " : "") + "DNS, connect, TLS, TTFB, transfer, " +
                          "think time and other time (client work, gaps between requests), in milliseconds. Each bar adds up to the " +
                          "mean session time (Mean in Sessions per deployment), not the median: medians of parts do not add up.";
        return ChartStyle.Render(Create(title, bars), ChartStyle.FileName("phases", probe, workload), title, description);
    }

    /// <summary>Builds the plot: x = deployments in the given order, y = ms; each bar's total above it.</summary>
    /// <param name="title">The plot's title.</param>
    /// <param name="bars">The bars, in order.</param>
    public static Plot Create(string title, IReadOnlyList<PhaseBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var plot = ChartStyle.NewPlot(title, "Deployment", "Mean session time, split along the critical path (ms)");
        if (bars.Count == 0)
        {
            plot.Add.Annotation("no session phases recorded (no successful session, or a run from an older version)");
            return plot;
        }

        // The radio's part only where a session had a radio: a chart of a run without one keeps its legend.
        var withRadio = bars.Any(b => b.RadioMs > 0);
        for (var p = withRadio ? 0 : 1; p < PhaseLabels.Count; p++)
        {
            var segments = new List<Bar>();
            for (var b = 0; b < bars.Count; b++)
            {
                var below = bars[b].Phases.Take(p).Sum(x => x.Ms);
                var ms = bars[b].Phases[p].Ms;
                segments.Add(new Bar
                {
                    Position = b,
                    ValueBase = below,
                    Value = below + ms,
                    Size = 0.6,
                    FillColor = PhaseColors[p],
                    LineWidth = 0,
                });
            }

            var barPlot = plot.Add.Bars(segments);
            barPlot.LegendText = PhaseLabels[p].Label;
        }

        var maxTotal = bars.Max(b => b.TotalMs);
        for (var b = 0; b < bars.Count; b++)
        {
            var total = plot.Add.Text("mean " + HeatmapChart.Milliseconds(bars[b].TotalMs) + " ms", b, bars[b].TotalMs + maxTotal * 0.02);
            total.LabelFontSize = 14;
            total.LabelBold = true;
            total.LabelAlignment = Alignment.LowerCenter;
        }

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray(), bars.Select(b => b.Deployment).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-0.6, bars.Count - 0.4, 0, Math.Max(maxTotal, 1) * 1.15);
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.ShowLegend();
        return plot;
    }

    /// <summary>
    /// The bars of <paramref name="probe"/>'s <paramref name="workload"/>, one per deployment whose sessions recorded
    /// a critical-path split (origins first, then by name), from the session tags
    /// <c>&lt;probe&gt;.&lt;workload&gt;/&lt;deployment&gt;/&lt;kind&gt;</c>: each part is its histogram's sum over the
    /// sessions that recorded a split (one value per session and kind, <c>other</c> always), so the parts add up to
    /// the mean session time. Runs recorded before the split have none: their session phases were the last request's.
    /// </summary>
    /// <param name="run">The run's data.</param>
    /// <param name="probe">The probe's name.</param>
    /// <param name="workload">The workload's name.</param>
    public static IReadOnlyList<PhaseBar> From(RunData run, string probe, string workload)
    {
        ArgumentNullException.ThrowIfNull(run);
        var scenario = $"{probe}.{workload}";
        var bars = new Dictionary<string, PhaseBar>(StringComparer.Ordinal);
        foreach (var (tag, other) in run.Totals)
        {
            if (tag.Scenario != scenario || tag.Kind != HistogramTag.Other || tag.IsIteration || tag.Step.Contains('.') || other.TotalCount == 0)
            {
                continue;
            }

            var sessions = other.TotalCount;
            double MeanMs(string kind) =>
                run.Totals.TryGetValue(new HistogramTag(scenario, tag.Step, kind), out var h) && h.TotalCount > 0
                    ? h.GetMean() * h.TotalCount / sessions / 1000.0
                    : 0;
            bars[tag.Step] = new PhaseBar(tag.Step, MeanMs(HistogramTag.Dns), MeanMs(HistogramTag.Connect), MeanMs(HistogramTag.Tls),
                MeanMs(HistogramTag.Ttfb), MeanMs(HistogramTag.Transfer), MeanMs(HistogramTag.Think), MeanMs(HistogramTag.Other),
                MeanMs(HistogramTag.Radio));
        }

        return HeatmapChart.DeploymentOrder(run, bars.Keys).Select(d => bars[d]).ToList();
    }
}

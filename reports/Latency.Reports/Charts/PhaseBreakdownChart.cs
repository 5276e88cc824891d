using HdrHistogram;
using Latency.Reports.RunDirectory;
using Latency.Reports.Study;
using ScottPlot;

namespace Latency.Reports.Charts;

/// <summary>
/// Phase breakdown of one probe's workload: per deployment a stacked bar of DNS, connect, TLS, TTFB and transfer
/// time of a typical session, in ms. Shows whether the in-region gain comes from round trips (connect, TLS, TTFB)
/// or from bandwidth (transfer).
/// </summary>
public static class PhaseBreakdownChart
{
    /// <summary>Legend text per phase, bottom to top.</summary>
    public static readonly IReadOnlyList<(string Phase, string Label)> PhaseLabels =
    [
        (HistogramTag.Dns, "DNS"), (HistogramTag.Connect, "Connect"), (HistogramTag.Tls, "TLS"),
        (HistogramTag.Ttfb, "TTFB"), (HistogramTag.Transfer, "Transfer"),
    ];

    private static readonly Color[] PhaseColors =
    [
        Color.FromHex("#9467bd"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"),
        Color.FromHex("#17becf"), Color.FromHex("#8c564b"),
    ];

    /// <summary>The chart, named "phases-&lt;probe&gt;-&lt;workload&gt;".</summary>
    public static RenderedChart Render(IReadOnlyList<PhaseBar> bars, string place, string probe, string workload)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var label = WorkloadLabel.Of(workload);
        var title = $"{place}: {label} time per phase";
        var description = $"Stacked bars per deployment of the median DNS, connect, TLS, TTFB and transfer time of one " +
                          $"{label} session from {place}, summed over the session's requests, in milliseconds.";
        return ChartStyle.Render(Create(title, bars), ChartStyle.FileName("phases", probe, workload), title, description);
    }

    /// <summary>Builds the plot: x = deployments in the given order, y = ms; each bar's total above it.</summary>
    public static Plot Create(string title, IReadOnlyList<PhaseBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var plot = ChartStyle.NewPlot(title, "Deployment", "Median time per session, by phase (ms)");
        if (bars.Count == 0)
        {
            plot.Add.Annotation("no request phases recorded");
            return plot;
        }

        for (var p = 0; p < PhaseLabels.Count; p++)
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
            var total = plot.Add.Text(HeatmapChart.Milliseconds(bars[b].TotalMs) + " ms", b, bars[b].TotalMs + maxTotal * 0.02);
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
    /// The bars of <paramref name="probe"/>'s <paramref name="workload"/>, one per deployment with recorded phases
    /// (origins first, then by name), from the request tags <c>&lt;probe&gt;.&lt;workload&gt;/&lt;deployment&gt;.&lt;request&gt;/&lt;phase&gt;</c>.
    /// </summary>
    /// <remarks>
    /// Why the sum over requests of per-request medians: the logs hold one histogram per request and phase, not
    /// per session, so a session's own phase sums cannot be rebuilt (which DNS lookup belonged to which session is
    /// lost). A session plays its requests one after another, so the sum of each request's typical phase time is
    /// a typical session's phase budget, and the bar's height is comparable with the session p50 (the sum of
    /// medians is not exactly the median of sums; it ignores queueing between requests and parallel requests).
    /// A phase that did not happen in every request (DNS from cache, TLS on a reused connection) counts as 0 ms in
    /// the requests that skipped it: its median is taken over all the request's runs (the request's
    /// <c>uncorrected</c> count), so a handshake made in one session of ten does not add a full handshake.
    /// </remarks>
    public static IReadOnlyList<PhaseBar> From(RunData run, string probe, string workload)
    {
        ArgumentNullException.ThrowIfNull(run);
        var scenario = $"{probe}.{workload}";
        var sums = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (tag, histogram) in run.Totals)
        {
            var phase = PhaseIndex(tag.Kind);
            var dot = tag.Step.IndexOf('.');
            if (tag.Scenario != scenario || phase < 0 || dot <= 0)
            {
                continue;
            }

            var deployment = tag.Step[..dot];
            run.Totals.TryGetValue(new HistogramTag(tag.Scenario, tag.Step, HistogramTag.Uncorrected), out var requests);
            if (!sums.TryGetValue(deployment, out var sum))
            {
                sums[deployment] = sum = new double[PhaseLabels.Count];
            }

            sum[phase] += MedianWithSkipped(histogram, requests?.TotalCount ?? histogram.TotalCount) / 1000.0;
        }

        return HeatmapChart.DeploymentOrder(run, sums.Keys)
            .Select(d => new PhaseBar(d, sums[d][0], sums[d][1], sums[d][2], sums[d][3], sums[d][4]))
            .ToList();
    }

    /// <summary>
    /// Median in us of a phase recorded in <paramref name="phase"/>.TotalCount of <paramref name="requests"/> runs,
    /// the others counting as 0: the value at rank requests / 2, where the zeros take the lowest ranks.
    /// </summary>
    internal static double MedianWithSkipped(HistogramBase phase, long requests)
    {
        var recorded = phase.TotalCount;
        if (recorded == 0)
        {
            return 0;
        }

        var skipped = Math.Max(0, requests - recorded);
        var rank = 0.5 * (skipped + recorded);
        if (rank <= skipped)
        {
            return 0;
        }

        return phase.GetValueAtPercentile(100.0 * (rank - skipped) / recorded);
    }

    private static int PhaseIndex(string kind)
    {
        for (var i = 0; i < PhaseLabels.Count; i++)
        {
            if (PhaseLabels[i].Phase == kind)
            {
                return i;
            }
        }

        return -1;
    }
}

using HdrHistogram;
using Latency.RunDirectory;
using Latency.Reports.Study;
using ScottPlot;

namespace Latency.Reports.Charts;

/// <summary>
/// Country (probe) x deployment heatmap of one workload's session time: one chart for p50 and one for p95, each
/// cell coloured by its value and annotated with it in ms, a colour bar in ms beside. Reads at a glance which
/// deployment serves which country best, beyond the origin / in-region pair of the gain chart.
/// </summary>
public static class HeatmapChart
{
    /// <summary>Which quantile a heatmap shows.</summary>
    public enum Quantile
    {
        /// <summary>The median: <see cref="HeatmapCell.P50Ms"/>.</summary>
        P50,

        /// <summary>The 95th percentile: <see cref="HeatmapCell.P95Ms"/>.</summary>
        P95,
    }

    /// <summary>The p50 and the p95 heatmap of <paramref name="workload"/>, named "heatmap-&lt;workload&gt;-p50" and "-p95".</summary>
    public static IReadOnlyList<RenderedChart> Render(IReadOnlyList<HeatmapCell> cells, string workload) =>
        [Render(cells, workload, Quantile.P50), Render(cells, workload, Quantile.P95)];

    /// <summary>The heatmap of one quantile.</summary>
    public static RenderedChart Render(IReadOnlyList<HeatmapCell> cells, string workload, Quantile quantile)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(workload);
        var q = quantile == Quantile.P50 ? "p50" : "p95";
        var label = WorkloadLabel.Of(workload);
        var title = $"{label}: {q} session time per country and deployment";
        var description = $"Heatmap of the {q} {label} session time in milliseconds, one row per country (probe), " +
                          "one column per deployment; darker is faster, each cell shows its value.";
        return ChartStyle.Render(Create(title, cells, quantile), ChartStyle.FileName("heatmap", workload, q), title, description);
    }

    /// <summary>
    /// Builds the plot: probes as rows in first-seen order (top to bottom), deployments as columns in first-seen
    /// order; a probe without a deployment's sessions leaves that cell grey, "not measured".
    /// </summary>
    public static Plot Create(string title, IReadOnlyList<HeatmapCell> cells, Quantile quantile)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var q = quantile == Quantile.P50 ? "p50" : "p95";
        var plot = ChartStyle.NewPlot(title, "Deployment", cells.Any(c => c.Place is not null) ? "Country" : "Country (probe)");
        if (cells.Count == 0)
        {
            plot.Add.Annotation("no sessions recorded");
            return plot;
        }

        var probes = cells.Select(c => c.Probe).Distinct(StringComparer.Ordinal).ToList();
        var deployments = cells.Select(c => c.Deployment).Distinct(StringComparer.Ordinal).ToList();
        double Value(HeatmapCell c) => quantile == Quantile.P50 ? c.P50Ms : c.P95Ms;

        // Row 0 of the intensities is drawn at the top: the first probe on top, as in a table.
        var values = new double[probes.Count, deployments.Count];
        for (var r = 0; r < probes.Count; r++)
        {
            for (var c = 0; c < deployments.Count; c++)
            {
                values[r, c] = double.NaN;
            }
        }

        foreach (var cell in cells)
        {
            values[probes.IndexOf(cell.Probe), deployments.IndexOf(cell.Deployment)] = Value(cell);
        }

        var present = cells.Select(Value).ToList();
        var min = present.Min();
        var max = present.Max();
        if (max <= min)
        {
            max = min + 1;
        }

        IColormap colormap = new ScottPlot.Colormaps.Viridis();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = colormap;
        heatmap.ManualRange = new ScottPlot.Range(min, max);
        heatmap.NaNCellColor = Color.FromHex("#f2f2f2");

        for (var r = 0; r < probes.Count; r++)
        {
            for (var c = 0; c < deployments.Count; c++)
            {
                if (double.IsNaN(values[r, c]))
                {
                    var none = plot.Add.Text("not measured", c, probes.Count - 1 - r);
                    none.LabelFontSize = 14;
                    none.LabelAlignment = Alignment.MiddleCenter;
                    none.LabelFontColor = Colors.Gray;
                    continue;
                }

                var fraction = (values[r, c] - min) / (max - min);
                var text = plot.Add.Text(Milliseconds(values[r, c]) + " ms", c, probes.Count - 1 - r);
                text.LabelFontSize = 16;
                text.LabelBold = true;
                text.LabelAlignment = Alignment.MiddleCenter;
                // Viridis runs from dark purple to light yellow: white text on the dark half, black on the light.
                text.LabelFontColor = fraction < 0.6 ? Colors.White : Colors.Black;
            }
        }

        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = $"{q} session time (ms)";
        colorBar.LabelStyle.FontSize = 16;
        colorBar.Axis.TickLabelStyle.FontSize = 14;

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, deployments.Count).Select(i => (double)i).ToArray(), deployments.ToArray());
        plot.Axes.Left.SetTicks(
            Enumerable.Range(0, probes.Count).Select(i => (double)(probes.Count - 1 - i)).ToArray(),
            probes.Select(p => cells.First(c => c.Probe == p).Place ?? p).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-0.5, deployments.Count - 0.5, -0.5, probes.Count - 0.5);
        plot.Grid.IsVisible = false;
        return plot;
    }

    /// <summary>
    /// The cells of <paramref name="workload"/>: every <c>&lt;probe&gt;.&lt;workload&gt;/&lt;deployment&gt;/uncorrected</c>
    /// session histogram with sessions, p50 and p95 from HdrHistogram (us / 1000), labelled with the study's country and
    /// city where run.json has them. Probes in the study's order, else by name; deployments with the study's origins
    /// first, then by name.
    /// </summary>
    public static IReadOnlyList<HeatmapCell> From(RunData run, string workload)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(workload);
        var found = new List<(string Probe, string Deployment, HistogramBase Histogram)>();
        foreach (var (tag, histogram) in run.Totals)
        {
            if (IsSession(tag, out var probe, out var tagWorkload) && tagWorkload == workload && histogram.TotalCount > 0)
            {
                found.Add((probe, tag.Step, histogram));
            }
        }

        var probeOrder = ProbeOrder(run, found.Select(f => f.Probe));
        var places = (run.Manifest?.Study?.Comparisons ?? [])
            .Where(c => !string.IsNullOrWhiteSpace(c.Country))
            .GroupBy(c => c.Probe, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First() is var c && string.IsNullOrWhiteSpace(c.City) ? c.Country! : $"{c.Country}\n{c.City}", StringComparer.Ordinal);
        var deploymentOrder = DeploymentOrder(run, found.Select(f => f.Deployment));
        return found
            .OrderBy(f => probeOrder.IndexOf(f.Probe))
            .ThenBy(f => deploymentOrder.IndexOf(f.Deployment))
            .Select(f => new HeatmapCell(f.Probe, f.Deployment, f.Histogram.GetValueAtPercentile(50) / 1000.0,
                f.Histogram.GetValueAtPercentile(95) / 1000.0, places.GetValueOrDefault(f.Probe)))
            .ToList();
    }

    /// <summary>True for a session histogram <c>&lt;probe&gt;.&lt;workload&gt;/&lt;deployment&gt;/uncorrected</c>.</summary>
    internal static bool IsSession(HistogramTag tag, out string probe, out string workload)
    {
        probe = workload = "";
        return tag.Kind == HistogramTag.Uncorrected && !tag.IsIteration && !tag.Step.Contains('.') &&
               StudySummary.TrySplit(tag.Scenario, out probe, out workload);
    }

    /// <summary>Probes in the study's comparison order, the others after them by name.</summary>
    internal static List<string> ProbeOrder(RunData run, IEnumerable<string> probes)
    {
        var study = (run.Manifest?.Study?.Comparisons ?? []).Select(c => c.Probe).ToList();
        return probes.Distinct(StringComparer.Ordinal)
            .OrderBy(p => study.IndexOf(p) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(p => p, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Origins (the study's, else <see cref="StudySummary.DefaultOrigin"/>) first, then the others by name.</summary>
    internal static List<string> DeploymentOrder(RunData run, IEnumerable<string> deployments)
    {
        var origins = (run.Manifest?.Study?.Comparisons ?? []).Select(c => HistogramTag.Sanitize(c.Origin)).Distinct().ToList();
        if (origins.Count == 0)
        {
            origins.Add(StudySummary.DefaultOrigin);
        }

        return deployments.Distinct(StringComparer.Ordinal)
            .OrderBy(d => origins.IndexOf(d) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(d => d, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Milliseconds for a cell: three significant digits at most, like the histograms.</summary>
    internal static string Milliseconds(double ms) =>
        ms >= 100 ? ChartStyle.Number(Math.Round(ms)) : ms >= 10 ? ms.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
            : ms.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}

using Latency.RunDirectory;
using Latency.Reports.Study;
using ScottPlot;

namespace Latency.Reports.Charts;

/// <summary>
/// Session time over the run for one probe's workload: p50 (solid) and p95 (dashed) per window, one colour per
/// deployment. Shows warm-up, drift and bursts that a whole-run distribution hides.
/// </summary>
public static class LatencyOverTimeChart
{
    /// <summary>The window <see cref="From"/> uses by default: ten of the engine's 1 s intervals.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(10);

    /// <summary>The chart, named "over-time-&lt;probe&gt;-&lt;workload&gt;".</summary>
    public static RenderedChart Render(IReadOnlyList<LatencyOverTimeSeries> series, string place, string probe, string workload)
    {
        ArgumentNullException.ThrowIfNull(series);
        var label = WorkloadLabel.Of(workload);
        var title = $"{place}: {label} session time over the run";
        var description = $"p50 (solid) and p95 (dashed) {label} session time from {place} per window of the run, " +
                          "per deployment, in milliseconds against seconds since the run's start.";
        return ChartStyle.Render(Create(title, series), ChartStyle.FileName("over-time", probe, workload), title, description);
    }

    /// <summary>Builds the plot: x = seconds since the run's start (window middles), y = session time in ms.</summary>
    public static Plot Create(string title, IReadOnlyList<LatencyOverTimeSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = ChartStyle.NewPlot(title, "Time since run start (s)", "Session time (ms)");
        var maxMs = 0.0;
        var maxSeconds = 0.0;
        foreach (var s in series.Where(s => s.Windows.Count > 0))
        {
            var xs = s.Windows.Select(w => (w.StartSeconds + w.EndSeconds) / 2).ToArray();
            ChartStyle.AddQuantileLines(plot, xs, s.Windows.Select(w => w.P50Ms).ToArray(), s.Windows.Select(w => w.P95Ms).ToArray(),
                s.Color, s.Label);
            maxMs = Math.Max(maxMs, s.Windows.Max(w => Math.Max(w.P50Ms, w.P95Ms)));
            maxSeconds = Math.Max(maxSeconds, s.Windows.Max(w => w.EndSeconds));
        }

        if (maxSeconds <= 0)
        {
            plot.Add.Annotation("no sessions recorded");
            return plot;
        }

        plot.Axes.SetLimits(0, maxSeconds, 0, maxMs * 1.15);
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.ShowLegend();
        return plot;
    }

    /// <summary>
    /// The series of <paramref name="probe"/>'s <paramref name="workload"/>: per deployment
    /// (<c>&lt;probe&gt;.&lt;workload&gt;/&lt;deployment&gt;/uncorrected</c>, origins first) its interval histograms
    /// merged into windows of <paramref name="window"/> (default 10 s) counted from the run's start (the earliest
    /// interval of any tag), each window's p50 and p95 from the merged histogram; windows without sessions are left
    /// out. An interval belongs to the window its start falls in. Colours: the study's (or default) origin red,
    /// its first in-region deployment blue, others from <see cref="ChartStyle.Other"/>.
    /// </summary>
    public static IReadOnlyList<LatencyOverTimeSeries> From(RunData run, string probe, string workload, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var windowMs = (long)(window ?? DefaultWindow).TotalMilliseconds;
        if (windowMs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "the window must be at least 1 ms");
        }

        var starts = run.Intervals.Values.SelectMany(l => l).Select(h => h.StartTimeStamp).ToList();
        if (starts.Count == 0)
        {
            return [];
        }

        var runStartMs = starts.Min();
        var scenario = $"{probe}.{workload}";
        var byDeployment = run.Intervals
            .Where(e => e.Key.Scenario == scenario && HeatmapChart.IsSession(e.Key, out _, out _))
            .ToDictionary(e => e.Key.Step, e => e, StringComparer.Ordinal);

        var comparison = run.Manifest?.Study?.Comparisons.FirstOrDefault(c => c.Probe == probe);
        var origin = comparison is null ? StudySummary.DefaultOrigin : HistogramTag.Sanitize(comparison.Origin);
        var inRegion = comparison?.InRegion.Select(HistogramTag.Sanitize).FirstOrDefault()
                       ?? byDeployment.Keys.Where(d => d != origin).Order(StringComparer.Ordinal).FirstOrDefault();

        var result = new List<LatencyOverTimeSeries>();
        var other = 0;
        foreach (var deployment in HeatmapChart.DeploymentOrder(run, byDeployment.Keys))
        {
            var (tag, intervals) = byDeployment[deployment];
            var windows = new List<LatencyWindow>();
            foreach (var group in intervals.GroupBy(h => (h.StartTimeStamp - runStartMs) / windowMs).OrderBy(g => g.Key))
            {
                var merged = RunDirectoryReader.Merge(tag, group.ToList(), run.Directory, []);
                if (merged.TotalCount == 0)
                {
                    continue;
                }

                windows.Add(new LatencyWindow(
                    group.Key * windowMs / 1000.0, (group.Key + 1) * windowMs / 1000.0, merged.TotalCount,
                    merged.GetValueAtPercentile(50) / 1000.0, merged.GetValueAtPercentile(95) / 1000.0));
            }

            var (label, color) = deployment == origin ? ($"{deployment} (origin)", ChartStyle.Origin)
                : deployment == inRegion ? ($"{deployment} (in region)", ChartStyle.InRegion)
                : (deployment, ChartStyle.Other(other++));
            result.Add(new LatencyOverTimeSeries(label, windows, color));
        }

        return result;
    }
}

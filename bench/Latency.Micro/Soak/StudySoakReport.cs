using System.Globalization;
using System.Text;
using HdrHistogram;
using Latency.RunDirectory;

namespace Latency.Micro.Soak;

/// <summary>The markdown result of <c>study-soak</c>: memory per process over time and session time per 5 minutes.</summary>
public static class StudySoakReport
{
    private const double WindowMinutes = 5;

    /// <summary>A process seen in fewer readings than this was a passing helper (a shell, <c>ip</c>), not a soaked process.</summary>
    private const int LongLivedSamples = 3;

    /// <summary>The report.</summary>
    /// <param name="soak">What the soak collected.</param>
    public static string Write(StudySoakRun soak)
    {
        ArgumentNullException.ThrowIfNull(soak);
        var text = new StringBuilder();
        var manifest = soak.Run.Manifest;
        var options = soak.Options;
        // Minutes count from run.json's start, so memory and the interval logs share one clock; without it (a harness
        // that died before writing it) from the first reading.
        var origin = manifest?.StartedUtc ?? soak.Samples.FirstOrDefault()?.Wall ?? DateTimeOffset.UtcNow;
        var loadEnd = manifest is null ? double.PositiveInfinity : (manifest.EndedUtc - origin).TotalMinutes;
        double MinuteOf(ProcessTreeSample sample) => (sample.Wall - origin).TotalMinutes;

        var status = manifest is null ? "no run.json" : manifest.StatusReason is { } reason ? $"{manifest.Status} ({reason})" : manifest.Status.ToString();
        text.AppendLine(CultureInfo.InvariantCulture, $"study-soak: {Path.GetFileName(options.Suite)} at {options.RateScale:0.###} of its rates, " +
            $"duration {options.Minutes:0.#} min; harness exit {soak.ExitCode}, status {status}");
        text.AppendLine("- rates per probe (sessions a minute; max while a cell's interval is still wide): " + string.Join("; ", soak.Suite.Rates));
        if (manifest is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- run.json: {manifest.StartedUtc:yyyy-MM-dd HH:mm:ss} to {manifest.EndedUtc:HH:mm:ss} UTC " +
                $"({(manifest.EndedUtc - manifest.StartedUtc).TotalMinutes:0.0} min); sessions (iterations, both deployments each) ok " +
                $"{manifest.Scenarios.Sum(s => s.Iterations.Ok):N0}, failed {manifest.Scenarios.Sum(s => s.Iterations.Failed):N0}, dropped {manifest.Scenarios.Sum(s => s.Iterations.Dropped):N0}");
            if (manifest.Harness is { } harness)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- harness CPU {harness.CpuCoresMean:0.00} cores mean ({harness.CpuCoresP95:0.00} p95); machine busy " +
                    $"{harness.MachineBusyMean:P0} mean, {harness.MachineBusyP95:P0} p95; emulator CPU {harness.Emulator?.CpuCoresMean:0.00} cores, " +
                    $"release lateness p99 {harness.Emulator?.LatenessP99Us / 1000.0:0.0} ms");
            }
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- load average (1, 5, 15 min) at start {soak.LoadAtStart}, at end {soak.LoadAtEnd}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- memory read every {options.SampleSeconds} s, {soak.Samples.Count} readings; minutes from run.json's start");
        Memory(text, soak, MinuteOf, loadEnd);
        Sessions(text, soak.Run, origin);
        var lastLines = soak.HarnessOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(15);
        text.AppendLine().AppendLine("The harness's last lines:").AppendLine().AppendLine("```").AppendLine(string.Join('\n', lastLines)).AppendLine("```");
        return text.ToString();
    }

    private static void Memory(StringBuilder text, StudySoakRun soak, Func<ProcessTreeSample, double> minuteOf, double loadEnd)
    {
        var byProcess = soak.Samples
            .SelectMany(s => s.Processes.Select(p => (Minute: minuteOf(s), p.ProcessId, p.Name, p.RssMb)))
            .GroupBy(p => p.ProcessId)
            .ToList();
        var longLived = byProcess.Where(g => g.Count() >= LongLivedSamples).OrderBy(g => g.Key != soak.HarnessProcessId).ThenBy(g => g.Min(p => p.Minute)).ToList();
        var transient = byProcess.Where(g => g.Count() < LongLivedSamples).ToList();
        // The total's series: every reading's processes added up (the harness and its world together).
        var total = soak.Samples.Select(s => (Minute: minuteOf(s), Mb: s.Processes.Sum(p => p.RssMb))).ToList();
        var series = longLived
            .Select(g => (Name: $"{NameOf(g)} (pid {g.Key})", Points: g.Select(p => (p.Minute, Mb: p.RssMb)).ToList()))
            .Append((Name: "all of them, summed", Points: total))
            .ToList();

        text.AppendLine().AppendLine("Resident memory per process (MiB; slopes by least squares over the load, run.json's start to end, in MiB/min):").AppendLine();
        text.AppendLine("| process | readings | start | peak | end | slope, last half | slope, after minute 5 |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, points) in series)
        {
            var load = points.Where(p => p.Minute >= 0 && p.Minute <= loadEnd).ToList();
            var middle = load.Count == 0 ? 0 : (load[0].Minute + load[^1].Minute) / 2;
            var lastHalf = RssTrend.Slope(load.Where(p => p.Minute >= middle).ToList());
            var afterFive = RssTrend.Slope(load.Where(p => p.Minute >= WindowMinutes).ToList());
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {points.Count} | {points[0].Mb:0} | {points.Max(p => p.Mb):0} | {points[^1].Mb:0} | " +
                $"{lastHalf:+0.00;-0.00} | {afterFive:+0.00;-0.00} |");
        }

        if (transient.Count > 0)
        {
            var names = string.Join(", ", transient.GroupBy(NameOf).Select(g => $"{g.Key} x{g.Count()}"));
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Passing processes (fewer than {LongLivedSamples} readings, not in the tables): {names}");
        }

        text.AppendLine().AppendLine($"Resident memory per {WindowMinutes:0} minutes (MiB, mean of the window's readings, max in brackets):").AppendLine();
        Table(text, series, WindowMinutes, w => string.Create(CultureInfo.InvariantCulture, $"{w.Average(p => p.Mb):0} ({w.Max(p => p.Mb):0})"));
        // Minute by minute too: a 5-minute mean hides when a step happened (the world coming up, the report at the end).
        text.AppendLine().AppendLine("Resident memory each minute (MiB, the minute's last reading):").AppendLine();
        Table(text, series, 1, w => string.Create(CultureInfo.InvariantCulture, $"{w[^1].Mb:0}"));
    }

    private static void Table(StringBuilder text, List<(string Name, List<(double Minute, double Mb)> Points)> series, double width,
        Func<List<(double Minute, double Mb)>, string> cell)
    {
        text.AppendLine("| minutes | " + string.Join(" | ", series.Select(s => s.Name)) + " |");
        text.AppendLine("|---|" + string.Concat(series.Select(_ => "---:|")));
        var windows = series.SelectMany(s => s.Points).Select(p => RssTrend.Window(p.Minute, width)).Distinct().Order();
        foreach (var window in windows)
        {
            var cells = series.Select(s => s.Points.Where(p => RssTrend.Window(p.Minute, width) == window).ToList())
                .Select(w => w.Count == 0 ? "-" : cell(w));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {WindowLabel(window, width)} | {string.Join(" | ", cells)} |");
        }
    }

    private static void Sessions(StringBuilder text, RunData run, DateTimeOffset origin)
    {
        var start = origin.ToUnixTimeMilliseconds();
        // An interval belongs to the window its last millisecond is in: one ending exactly at minute 5 is the first window's.
        int WindowOf(IntervalHistogram interval) => RssTrend.Window((interval.EndTimeStamp - 1 - start) / 60_000.0, WindowMinutes);
        var sessions = run.Intervals.Where(i => i.Key.Kind == HistogramTag.Uncorrected).ToList();
        var failed = run.Intervals.Where(i => i.Key.Kind == HistogramTag.Failed)
            .SelectMany(i => i.Value).GroupBy(WindowOf).ToDictionary(g => g.Key, g => g.Sum(i => i.TotalCount));
        var pooled = sessions.SelectMany(i => i.Value).GroupBy(WindowOf).OrderBy(g => g.Key).ToList();
        text.AppendLine().AppendLine($"Session time per {WindowMinutes:0} minutes, every probe, workload and deployment pooled (successful sessions, ms):").AppendLine();
        text.AppendLine("| minutes | sessions | failed | p50 | p99 | max |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var window in pooled)
        {
            var histogram = Merge(window);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {WindowLabel(window.Key)} | {histogram.TotalCount:N0} | {failed.GetValueOrDefault(window.Key):N0} | " +
                $"{histogram.GetValueAtPercentile(50) / 1000.0:0} | {histogram.GetValueAtPercentile(99) / 1000.0:0} | {histogram.GetMaxValue() / 1000.0:0} |");
        }

        // Pooled quantiles move when the mix of workloads moves (adaptive sampling runs the short ones at their max
        // rate until their interval is narrow): per workload, a drift is the harness's or the world's, not the mix's.
        var workloads = sessions.GroupBy(i => i.Key.Scenario[(i.Key.Scenario.IndexOf('.', StringComparison.Ordinal) + 1)..]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        text.AppendLine().AppendLine($"p99 of session time per workload per {WindowMinutes:0} minutes (ms; sessions in brackets, all probes and both deployments):").AppendLine();
        text.AppendLine("| minutes | " + string.Join(" | ", workloads.Select(w => w.Key)) + " |");
        text.AppendLine("|---|" + string.Concat(workloads.Select(_ => "---:|")));
        foreach (var window in pooled.Select(w => w.Key))
        {
            var cells = workloads.Select(w => Merge(w.SelectMany(i => i.Value).Where(i => WindowOf(i) == window)))
                .Select(h => h.TotalCount == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{h.GetValueAtPercentile(99) / 1000.0:0} ({h.TotalCount:N0})"));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {WindowLabel(window)} | {string.Join(" | ", cells)} |");
        }
    }

    private static LongHistogram Merge(IEnumerable<IntervalHistogram> intervals)
    {
        var histogram = new LongHistogram(RunDirectoryReader.LowestTrackableValueUs, RunDirectoryReader.HighestTrackableValueUs, RunDirectoryReader.SignificantDigits);
        foreach (var interval in intervals)
        {
            interval.AddTo(histogram);
        }

        return histogram;
    }

    /// <summary>The name the process had most often: it is a shell for a moment before it execs the world's program.</summary>
    private static string NameOf(IGrouping<int, (double Minute, int ProcessId, string Name, double RssMb)> process) =>
        process.GroupBy(p => p.Name).MaxBy(g => g.Count())!.Key;

    private static string WindowLabel(int window, double width = WindowMinutes) => window < 0
        ? "before"
        : string.Create(CultureInfo.InvariantCulture, $"{window * width:0}-{(window + 1) * width:0}");
}

using Latency.Micro.Soak;
using Latency.Reports.Study;
using Latency.RunDirectory;

namespace Latency.Micro.Scale;

/// <summary>The arithmetic of one <c>study-scale</c> row, from the readings of the harness's process tree and run.json.</summary>
public static class ScaleFigures
{
    /// <summary>What marks the world's network process (the emulator) in a process's name (see <see cref="ProcessTree.Name"/>).</summary>
    public const string EmulatorName = "--part network";

    /// <summary>
    /// The window the CPU figures are taken over: run.json's start (the engine's, after the world is up) to that plus the
    /// arrivals' duration, or its end if sooner. Every workload's arrivals go on for the whole window (each starts after
    /// at most a few seconds of warm-up sessions and runs for the duration); the world's set-up before it, and the drain
    /// of the last sessions and the report after it, are outside. Without run.json (a harness that died before writing
    /// it), the first reading to the last.
    /// </summary>
    /// <param name="manifest">run.json, or null.</param>
    /// <param name="arrivals">How long sessions arrive (the suite's duration).</param>
    /// <param name="samples">The readings, in order.</param>
    public static (DateTimeOffset From, DateTimeOffset To) Window(RunManifest? manifest, TimeSpan arrivals, IReadOnlyList<ProcessTreeSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (manifest is not null)
        {
            var end = manifest.StartedUtc + arrivals;
            return (manifest.StartedUtc, manifest.EndedUtc < end ? manifest.EndedUtc : end);
        }

        return samples.Count == 0 ? (DateTimeOffset.MinValue, DateTimeOffset.MinValue) : (samples[0].Wall, samples[^1].Wall);
    }

    /// <summary>The readings taken within [<paramref name="from"/>, <paramref name="to"/>].</summary>
    /// <param name="samples">The readings, in order.</param>
    /// <param name="from">The window's start.</param>
    /// <param name="to">The window's end.</param>
    public static IReadOnlyList<ProcessTreeSample> InWindow(IReadOnlyList<ProcessTreeSample> samples, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return samples.Where(s => s.Wall >= from && s.Wall <= to).ToList();
    }

    /// <summary>The row of one scale step.</summary>
    /// <param name="scale">The factor on the workloads' rates.</param>
    /// <param name="offeredPerMinute">Sessions offered a minute, every probe, workload and deployment.</param>
    /// <param name="harnessProcessId">The harness's process id; every other process read is the world's (or a helper's).</param>
    /// <param name="samples">Every reading of the run, in order (the peaks are over all of them).</param>
    /// <param name="window">The window the CPU figures are taken over (see <see cref="Window"/>).</param>
    /// <param name="sessions">The run directory's sessions, <see cref="ScaleSessions.InWindow"/> counted between the window's first and last reading.</param>
    /// <param name="harness">run.json's harness figures, or null.</param>
    /// <param name="status">How the run ended, in words.</param>
    public static ScaleRow Row(double scale, double offeredPerMinute, int harnessProcessId, IReadOnlyList<ProcessTreeSample> samples,
        (DateTimeOffset From, DateTimeOffset To) window, ScaleSessions sessions, HarnessInfo? harness, string status)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(sessions);
        var inWindow = InWindow(samples, window.From, window.To);
        var seconds = inWindow.Count < 2 ? double.NaN : (inWindow[^1].Wall - inWindow[0].Wall).TotalSeconds;
        // Per process its CPU time at its last reading in the window less that at its first: a process that started
        // in the window (a helper) loses what it used before its first reading, a few ticks at most.
        var cpu = inWindow.SelectMany(s => s.Processes.Where(p => p.CpuSeconds is not null))
            .GroupBy(p => p.ProcessId)
            .Select(g => (g.First(), Seconds: g.Last().CpuSeconds!.Value - g.First().CpuSeconds!.Value))
            .ToList();
        double Cores(Func<ProcessRss, bool> which) => seconds > 0 ? cpu.Where(c => which(c.Item1)).Sum(c => c.Seconds) / seconds : double.NaN;
        bool IsHarness(ProcessRss p) => p.ProcessId == harnessProcessId;
        bool IsEmulator(ProcessRss p) => !IsHarness(p) && p.Name.Contains(EmulatorName, StringComparison.Ordinal);
        var harnessCores = Cores(IsHarness);
        var harnessUsPerSession = sessions.InWindow > 0 ? harnessCores * seconds * 1e6 / sessions.InWindow : double.NaN;

        var busy = inWindow.Zip(inWindow.Skip(1))
            .Where(pair => pair.First.Machine is not null && pair.Second.Machine is not null && pair.Second.Machine.Value.Total > pair.First.Machine.Value.Total)
            .Select(pair => (double)(pair.Second.Machine!.Value.Busy - pair.First.Machine!.Value.Busy) / (pair.Second.Machine.Value.Total - pair.First.Machine.Value.Total))
            .Order()
            .ToList();

        return new ScaleRow(scale, offeredPerMinute, sessions, seconds / 60, harnessCores, harnessUsPerSession, Cores(IsEmulator),
            Cores(p => !IsHarness(p) && !IsEmulator(p)),
            Peak(samples, IsHarness), Peak(samples, p => !IsHarness(p)), NearestRank(busy, 0.50), NearestRank(busy, 0.95),
            harness?.Emulator?.LatenessP99Us / 1000.0, harness is null ? null : Verdict(harness), status);
    }

    /// <summary>The <paramref name="quantile"/> of sorted <paramref name="values"/> by nearest rank, or NaN when there are none.</summary>
    /// <param name="values">The values, ascending.</param>
    /// <param name="quantile">0 to 1.</param>
    public static double NearestRank(IReadOnlyList<double> values, double quantile)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? double.NaN : values[Math.Clamp((int)Math.Ceiling(quantile * values.Count) - 1, 0, values.Count - 1)];
    }

    private static double Peak(IReadOnlyList<ProcessTreeSample> samples, Func<ProcessRss, bool> which)
    {
        var sums = samples.Select(s => s.Processes.Where(which).Select(p => p.RssMb).DefaultIfEmpty(double.NaN).Sum()).Where(double.IsFinite).ToList();
        return sums.Count == 0 ? double.NaN : sums.Max();
    }

    private static string Verdict(HarnessInfo harness) => HarnessLoad.Concerns(harness) is { Count: > 0 } concerns ? "busy: " + string.Join("; ", concerns) : "ok";
}

using System.Diagnostics;
using System.Globalization;
using Latency.Micro.Soak;
using Latency.RunDirectory;

namespace Latency.Micro.Scale;

/// <summary>
/// <c>study-scale</c>: the harness's CPU and memory as a function of the study's session rate (issue 17's scale
/// curve). For each factor the default study (or another study suite) runs with every workload's rate multiplied and
/// adaptive sampling off, by the real harness (<c>latency run</c>, its own process) in an emulated world of its own;
/// the CPU time and memory of the harness and of every process under it, and the machine's busy share, are read every
/// few seconds. One row per factor says where a machine stops keeping up: cores, CPU per session, failed and late
/// sessions, the emulator's lateness and the harness's own verdict on itself.
/// </summary>
public static class StudyScaleCommand
{
    /// <summary>The prefix family of the runs' worlds: their clean-up never touches a world a developer, a test or a soak has up.</summary>
    private const string PrefixFamily = "lsc";

    /// <summary>Runs every scale; 0 when they ran (the figures are the result, not a verdict), 2 for bad arguments or not root, 3 when nothing ran.</summary>
    /// <param name="args">The command's arguments.</param>
    public static async Task<int> RunAsync(string[] args)
    {
        if (await StudyHarness.PrerequisitesAsync("study-scale") is not { } root)
        {
            return 2;
        }

        var (parsed, errors) = StudyScaleOptions.Parse(args, root, StudyHarness.DefaultHarness);
        if (parsed is not { } options)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync("study-scale: " + error);
            }

            await Console.Error.WriteLineAsync(StudyScaleOptions.Usage);
            return 2;
        }

        var yaml = await File.ReadAllTextAsync(options.Suite);
        var suiteDirectory = Path.GetDirectoryName(options.Suite)!;
        var duration = TimeSpan.FromMinutes(options.Minutes);
        try
        {
            // Once before any run: a suite that is not a study fails now, not after the first world went up.
            _ = StudySuiteScaler.Scale(yaml, suiteDirectory, 1, duration, fixedRate: true);
        }
        catch (Exception ex) when (ex is InvalidDataException or YamlDotNet.Core.YamlException)
        {
            await Console.Error.WriteLineAsync($"study-scale: {options.Suite}: {ex.Message}");
            return 2;
        }

        var machine = Machine();
        var harness = Describe(options.Harness, root);
        await Console.Error.WriteLineAsync($"study-scale: machine {machine}; harness {harness}");
        var steps = new List<ScaleStep>();
        var interrupted = false;
        try
        {
            foreach (var scale in options.Scales)
            {
                var suite = StudySuiteScaler.Scale(yaml, suiteDirectory, scale, duration, fixedRate: true);
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"study-scale: {scale:0.###}x, {suite.OfferedPerMinute:0.#} sessions/min offered, {options.Minutes:0.##} min of arrivals"));
                var run = await StudyHarness.RunAsync(options.Harness, suite.Yaml, PrefixFamily, options.SampleSeconds, samples => Progress(scale, samples, options.SampleSeconds));
                steps.Add(Step(scale, suite, run, duration));
                interrupted = run.Interrupted;
                if (interrupted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"study-scale: {ex.Message}");
            if (steps.Count == 0)
            {
                return 3;
            }
        }

        var text = StudyScaleReport.Write(new StudyScaleResult(options, "dotnet Latency.Micro.dll study-scale " + string.Join(' ', args), machine, harness, steps, interrupted));
        Console.WriteLine(text);
        if (options.Output is { } file)
        {
            await File.WriteAllTextAsync(file, text);
        }

        return 0;
    }

    private static ScaleStep Step(double scale, ScaledSuite suite, StudyHarnessRun run, TimeSpan duration)
    {
        var manifest = run.Run.Manifest;
        var window = ScaleFigures.Window(manifest, duration, run.Samples);
        var readings = ScaleFigures.InWindow(run.Samples, window.From, window.To);
        var status = run.Interrupted ? "interrupted"
            : manifest is null ? $"no run.json (exit {run.ExitCode})"
            : manifest.StatusReason is { } reason ? $"{manifest.Status} ({reason})" : manifest.Status.ToString();
        var sessions = Sessions(run.Run, readings.Count < 2 ? null : (readings[0].Wall, readings[^1].Wall));
        var row = ScaleFigures.Row(scale, suite.OfferedPerMinute, run.HarnessProcessId, run.Samples, window, sessions, manifest?.Harness, status);
        return new ScaleStep(row, suite, window.From, window.To, readings.Count, run.ExitCode, run.LoadAtStart, run.HarnessOutput);
    }

    /// <summary>The sessions of the run directory; those whose interval ended in <paramref name="readings"/> (first to last reading) counted apart.</summary>
    private static ScaleSessions Sessions(RunData run, (DateTimeOffset First, DateTimeOffset Last)? readings)
    {
        long Total(string kind) => run.Totals.Where(t => StudyHarness.IsSession(t.Key) && t.Key.Kind == kind).Sum(t => t.Value.TotalCount);
        var inWindow = readings is var (first, last)
            ? run.Intervals.SelectMany(i => i.Value)
                .Where(i => i.EndTimeStamp > first.ToUnixTimeMilliseconds() && i.EndTimeStamp <= last.ToUnixTimeMilliseconds())
                .Sum(i => i.TotalCount)
            : 0;
        var scenarios = run.Manifest?.Scenarios;
        return new ScaleSessions(Total(HistogramTag.Uncorrected) + Total(HistogramTag.Failed), Total(HistogramTag.Failed),
            scenarios?.Sum(s => s.Iterations.Late), scenarios?.Sum(s => s.Iterations.Dropped), inWindow);
    }

    /// <summary>Every sample minute on standard error: the last minute's cores and the memory now (at the first reading, only that it started).</summary>
    private static void Progress(double scale, IReadOnlyList<ProcessTreeSample> samples, int sampleSeconds)
    {
        var now = samples[^1];
        var harness = now.Processes.FirstOrDefault(p => p.Name.StartsWith("harness: ", StringComparison.Ordinal));
        if (samples.Count < 2 || harness is null)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scale:0.###}x {now.Elapsed:hh\\:mm\\:ss} harness started"));
            return;
        }

        var minuteAgo = samples[Math.Max(0, samples.Count - 1 - Math.Max(1, 60 / sampleSeconds))];
        var last = ScaleFigures.Row(scale, 0, harness.ProcessId, [minuteAgo, now], (minuteAgo.Wall, now.Wall), new ScaleSessions(0, 0, null, null, 0), null, "");
        // A world process that came up within the minute shows 0 cores here: it has no reading a minute ago.
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scale:0.###}x {now.Elapsed:hh\\:mm\\:ss} last minute: harness {last.HarnessCores:0.00} cores, emulator {last.EmulatorCores:0.00}, " +
            $"backends {last.BackendCores:0.00}, machine {last.MachineBusyP50:0%} busy (median); now: harness {harness.RssMb:0} MiB, world {now.Processes.Where(p => p.ProcessId != harness.ProcessId).Sum(p => p.RssMb):0} MiB"));
    }

    /// <summary>Processors, CPU model and load average: what a reader needs to place the figures.</summary>
    private static string Machine()
    {
        var model = "?";
        try
        {
            model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        }
        catch (IOException)
        {
            // No /proc/cpuinfo: the model stays unknown.
        }

        return string.Create(CultureInfo.InvariantCulture, $"nproc {Environment.ProcessorCount}, {model}, load average (1, 5, 15 min) at start {StudyHarness.LoadAverage()}");
    }

    /// <summary>The harness binary (relative to the repository when inside it) and its informational version, which carries the commit it was built from.</summary>
    private static string Describe(string harness, string root)
    {
        var dll = harness.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? harness : Path.ChangeExtension(harness, ".dll");
        var version = File.Exists(dll) ? FileVersionInfo.GetVersionInfo(dll).ProductVersion : null;
        var relative = Path.GetRelativePath(root, harness);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) ? harness : relative;
        return $"{shown} (version {version ?? "unknown"}, built {File.GetLastWriteTimeUtc(harness):yyyy-MM-dd HH:mm} UTC)";
    }
}

using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using Latency.RunDirectory;
using Latency.Reports.Study;

namespace Latency.Micro.Reports;

/// <summary>
/// <c>report-100m</c> (issue 5): how long the study report takes on a run directory holding 100 million recorded
/// requests. Builds a synthetic study run (7 probes x 6 workloads x 2 deployments, 240 one-second intervals per
/// .hlog, session, per-request and phase histograms), then times <see cref="StudyReportWriter.WriteReportAsync(string, string, CancellationToken)"/>
/// and <c>RunDirectoryReader.ReadAsync</c> alone on it, and the peak working set of each. Prints a Markdown
/// section for bench/results/. Exit codes: 0 done, 2 bad arguments, 3 the report listed errors.
/// </summary>
public static class Report100mCommand
{
    public const string Usage = "usage: report-100m [--requests 100000000] [--intervals 240] [--keep DIR]";

    private static readonly string[] Probes = ["mumbai", "jakarta", "bangkok", "manila", "hochiminh", "kualalumpur", "dhaka"];
    private static readonly string[] Workloads = ["app-cold-start", "feed", "search", "image", "checkout", "video-start"];
    private static readonly string[] Requests = ["config", "feed", "assets"];
    private static readonly string[] Phases = [HistogramTag.Dns, HistogramTag.Connect, HistogramTag.Tls, HistogramTag.Ttfb, HistogramTag.Transfer];
    private static readonly double[] PhaseShares = [0.05, 0.2, 0.25, 0.35, 0.15];
    private const string Origin = "beijing";

    /// <summary>Distinct values recorded per interval histogram (quantiles of a lognormal), each with a share of the count.</summary>
    private const int ValuesPerHistogram = 24;

    public static async Task<int> RunAsync(string[] args)
    {
        long requests = 100_000_000;
        var intervals = 240;
        string? keep = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--requests" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0:
                    requests = r;
                    i++;
                    break;
                case "--intervals" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    intervals = n;
                    i++;
                    break;
                case "--keep" when value is not null:
                    keep = value;
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"report-100m: bad argument '{args[i]}'");
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }

        var root = keep ?? Path.Combine(Path.GetTempPath(), "latency-report-100m-" + Guid.NewGuid().ToString("N")[..8]);
        var runDirectory = Path.Combine(root, "run");
        var outDirectory = Path.Combine(root, "report");
        Directory.CreateDirectory(runDirectory);
        try
        {
            var build = Stopwatch.StartNew();
            var shape = await BuildRunAsync(runDirectory, requests, intervals);
            build.Stop();
            var bytes = Directory.EnumerateFiles(runDirectory).Sum(f => new FileInfo(f).Length);

            Settle();
            var (report, reportTime, reportPeak) = await MeasureAsync(() => StudyReportWriter.WriteReportAsync(runDirectory, outDirectory));
            Settle();
            var (run, readTime, readPeak) = await MeasureAsync(() => RunDirectoryReader.ReadAsync(runDirectory, StudyReportWriter.KeepIntervals));
            var counted = run.Totals
                .Where(t => t.Key.Kind == HistogramTag.Uncorrected && t.Key.Step.Contains('.', StringComparison.Ordinal))
                .Sum(t => t.Value.TotalCount);
            var kept = run.Intervals.Sum(t => t.Value.Count);
            run = null;
            Settle();
            var processPeak = Process.GetCurrentProcess().PeakWorkingSet64;

            Console.WriteLine(Markdown(requests, counted, intervals, shape, kept, bytes, build.Elapsed,
                reportTime, reportPeak, readTime, readPeak, processPeak, report));
            foreach (var problem in report.Problems)
            {
                await Console.Error.WriteLineAsync($"report-100m: {problem.Severity}: {problem.Message}");
            }

            return report.HasErrors || counted != requests ? 3 : 0;
        }
        finally
        {
            if (keep is null)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private sealed record Shape(int Scenarios, int Tags, int LogFiles);

    private static string Markdown(long requests, long counted, int intervals, Shape shape, int kept, long bytes, TimeSpan build,
        TimeSpan reportTime, long reportPeak, TimeSpan readTime, long readPeak, long processPeak, StudyReportResult report)
    {
        var c = CultureInfo.InvariantCulture;
        static string Mb(long b) => (b / 1024d / 1024d).ToString("N0", CultureInfo.InvariantCulture);
        var errors = report.Problems.Count(p => p.Severity == ProblemSeverity.Error);
        var warnings = report.Problems.Count - errors;
        return string.Join('\n',
            "## Study report on 100 million requests (report-100m)",
            "",
            string.Create(c, $"- Run directory: {shape.Scenarios} scenarios ({Probes.Length} probes x {Workloads.Length} workloads) x 2 deployments " +
                $"({Origin} + in-region), {Requests.Length} requests per session with 5 phases; {shape.LogFiles} .hlog files of {intervals} " +
                $"one-second intervals, {shape.Tags:N0} tags, {(long)shape.Tags * intervals:N0} interval histograms (the report keeps {kept:N0} of them, the session-time series), {Mb(bytes)} MB on disk (built in {build.TotalSeconds:F1} s)."),
            string.Create(c, $"- Recorded requests (request-level `uncorrected` totals after the merge): {counted:N0} (asked {requests:N0})."),
            string.Create(c, $"- Report: {report.Files.Count} files, {errors} errors, {warnings} warnings."),
            "",
            "| measured | wall time s | peak working set MB |",
            "|---|---:|---:|",
            string.Create(c, $"| `StudyReportWriter.WriteReportAsync` (read + merge + statistics + charts + documents) | {reportTime.TotalSeconds:F2} | {Mb(reportPeak)} |"),
            string.Create(c, $"| `RunDirectoryReader.ReadAsync` alone (read + merge) | {readTime.TotalSeconds:F2} | {Mb(readPeak)} |"),
            "",
            string.Create(c, $"Must hold (issue 5): the report in under 10 s: **{(reportTime.TotalSeconds < 10 ? "yes" : "no")}**. " +
                $"Peak working set is sampled every 20 ms during each call; the process peak (incl. building) was {Mb(processPeak)} MB."));
    }

    private static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static async Task<(T Result, TimeSpan Elapsed, long PeakWorkingSet)> MeasureAsync<T>(Func<Task<T>> action)
    {
        using var done = new CancellationTokenSource();
        long peak = 0;
        var sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!done.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                try
                {
                    await Task.Delay(20, done.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        var watch = Stopwatch.StartNew();
        var result = await action();
        watch.Stop();
        await done.CancelAsync();
        await sampler;
        return (result, watch.Elapsed, peak);
    }

    /// <summary>Writes run.json and one .hlog per scenario; returns the shape written.</summary>
    private static async Task<Shape> BuildRunAsync(string directory, long requests, int intervals)
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var scenarios = Probes.SelectMany(p => Workloads.Select(w => (Probe: p, Workload: w))).ToList();
        // Request-level uncorrected histograms: scenarios x deployments x requests x intervals; spread the count evenly.
        var requestHistograms = (long)scenarios.Count * 2 * Requests.Length * intervals;
        var perHistogram = requests / requestHistograms;
        var remainder = requests % requestHistograms;
        long requestIndex = 0;
        var random = new Random(5);
        var interval = NewHistogram();
        var logs = new List<HistogramLogEntry>();
        var results = new List<ScenarioResult>();
        var tagCount = 0;
        foreach (var (probe, workload) in scenarios)
        {
            var scenario = probe + "." + workload;
            var file = HistogramTag.Sanitize(scenario) + ".hlog";
            var deployments = new[] { Origin, probe };
            // Per tag: median latency (us) and the histogram of the whole run, for run.json's summaries.
            var series = new List<(string Tag, HistogramTag Parsed, double MedianUs, int Kind)>();
            foreach (var deployment in deployments)
            {
                var rtt = deployment == Origin ? 90_000 + random.Next(60_000) : 10_000 + random.Next(30_000);
                series.Add(Entry(HistogramTag.ForStep(scenario, deployment, HistogramTag.Uncorrected), rtt * 3 * 1.6, 0));
                foreach (var request in Requests)
                {
                    var step = deployment + "." + request;
                    series.Add(Entry(HistogramTag.ForStep(scenario, step, HistogramTag.Uncorrected), rtt * 1.6, 1));
                    for (var p = 0; p < Phases.Length; p++)
                    {
                        series.Add(Entry(HistogramTag.ForStep(scenario, step, Phases[p]), Math.Max(50, rtt * 1.6 * PhaseShares[p]), 2));
                    }
                }
            }

            series.Add(Entry(HistogramTag.ForIteration(scenario, HistogramTag.Corrected), 0, 3));
            series.Add(Entry(HistogramTag.ForIteration(scenario, HistogramTag.Uncorrected), 0, 3));
            var totals = series.ToDictionary(s => s.Tag, _ => NewHistogram());
            var sessionsOfScenario = 0L;
            using (var writer = IntervalLogWriter.Create(Path.Combine(directory, file), start, ["Suite: report-100m synthetic study"]))
            {
                for (var second = 0; second < intervals; second++)
                {
                    // Each request histogram gets base or base + 1 requests, so the total is exactly the asked one;
                    // phases share their request's count, a session counts its first request, an iteration its origin session.
                    var counts = new long[series.Count];
                    for (var k = 0; k < series.Count; k++)
                    {
                        if (series[k].Kind == 1)
                        {
                            counts[k] = perHistogram + (requestIndex++ < remainder ? 1 : 0);
                        }
                    }

                    for (var k = 0; k < series.Count; k++)
                    {
                        counts[k] = series[k].Kind switch
                        {
                            0 => counts[k + 1],
                            2 => counts[k - 1 - Array.IndexOf(Phases, series[k].Parsed.Kind)],
                            3 => counts[0],
                            _ => counts[k],
                        };
                    }

                    var sessions = counts[0];
                    for (var k = 0; k < series.Count; k++)
                    {
                        var (tag, _, median, kind) = series[k];
                        var m = kind == 3 ? series[0].MedianUs + series[1 + 6 * Requests.Length].MedianUs : median;
                        interval.Reset();
                        Fill(interval, totals[tag], m * (0.9 + 0.2 * random.NextDouble()), counts[k]);
                        interval.Tag = tag;
                        interval.StartTimeStamp = start.ToUnixTimeMilliseconds() + second * 1000L;
                        interval.EndTimeStamp = interval.StartTimeStamp + 1000;
                        writer.Append(interval);
                    }

                    sessionsOfScenario += sessions;
                }
            }

            logs.Add(new HistogramLogEntry { File = file, Tags = series.Select(s => s.Tag).ToList() });
            tagCount += series.Count;
            results.Add(Result(scenario, deployments, sessionsOfScenario, intervals, totals));
        }

        var manifest = new RunManifest
        {
            Tool = new ToolInfo { Name = "latency", Version = "report-100m" },
            Suite = new SuiteInfo { Name = "default" },
            Environment = new EnvironmentInfo
            {
                MachineName = "report-100m", Os = Environment.OSVersion.VersionString, ProcessorCount = Environment.ProcessorCount,
                DotnetVersion = Environment.Version.ToString(), NetworkBackend = NetworkBackend.Tun,
            },
            StartedUtc = start,
            EndedUtc = start.AddSeconds(intervals * scenarios.Count),
            Status = RunStatus.Complete,
            Scenarios = results,
            HistogramLogs = logs,
            Study = new StudyInfo
            {
                Name = "default", World = "asia", Profile = "typical", Backend = NetworkBackend.Tun,
                Comparisons = Probes.Select(p => new StudyComparison { Probe = p, City = p, Origin = Origin, InRegion = [p] }).ToList(),
            },
        };
        await RunManifestFile.WriteAsync(directory, manifest);
        return new Shape(scenarios.Count, tagCount, logs.Count);
    }

    private static (string Tag, HistogramTag Parsed, double MedianUs, int Kind) Entry(HistogramTag tag, double medianUs, int kind) =>
        (tag.Format(), tag, medianUs, kind);

    private static ScenarioResult Result(string scenario, string[] deployments, long sessions, int intervals, Dictionary<string, LongHistogram> totals)
    {
        LatencySummary Of(string tag) => LatencySummary.From(totals[tag]);
        var steps = new List<StepResult>();
        foreach (var deployment in deployments)
        {
            steps.Add(new StepResult
            {
                Name = deployment, Requests = sessions, Ok = sessions, Failed = 0,
                Latency = Of(HistogramTag.ForStep(scenario, deployment, HistogramTag.Uncorrected).Format()),
            });
            foreach (var request in Requests)
            {
                var step = deployment + "." + request;
                steps.Add(new StepResult
                {
                    Name = step, Requests = sessions, Ok = sessions, Failed = 0,
                    Latency = Of(HistogramTag.ForStep(scenario, step, HistogramTag.Uncorrected).Format()),
                    Phases = Phases.ToDictionary(p => p, p => Of(HistogramTag.ForStep(scenario, step, p).Format())),
                });
            }
        }

        return new ScenarioResult
        {
            Name = scenario,
            LoadModel = LoadModel.Open,
            Simulations = [string.Create(CultureInfo.InvariantCulture, $"inject {sessions / intervals}/s for {TimeSpan.FromSeconds(intervals):c}")],
            HttpVersion = "1.1",
            Connections = 64,
            IntendedIterations = sessions,
            Iterations = new IterationCounts { Started = sessions, Completed = sessions, Ok = sessions, Failed = 0, Dropped = 0, Late = 0 },
            Corrected = Of(HistogramTag.ForIteration(scenario, HistogramTag.Corrected).Format()),
            Uncorrected = Of(HistogramTag.ForIteration(scenario, HistogramTag.Uncorrected).Format()),
            Steps = steps,
        };
    }

    private static LongHistogram NewHistogram() =>
        new(RunDirectoryReader.LowestTrackableValueUs, RunDirectoryReader.HighestTrackableValueUs, RunDirectoryReader.SignificantDigits);

    /// <summary>Records into <paramref name="histogram"/> and <paramref name="total"/> <paramref name="count"/> values of a lognormal (sigma 0.5) around <paramref name="medianUs"/>.</summary>
    private static void Fill(LongHistogram histogram, LongHistogram total, double medianUs, long count)
    {
        if (count == 0)
        {
            return;
        }

        var each = count / ValuesPerHistogram;
        var extra = count % ValuesPerHistogram;
        for (var i = 0; i < ValuesPerHistogram; i++)
        {
            var n = each + (i < extra ? 1 : 0);
            if (n == 0)
            {
                continue;
            }

            var z = NormalQuantile[i];
            var value = (long)Math.Clamp(medianUs * Math.Exp(0.5 * z), 1, RunDirectoryReader.HighestTrackableValueUs);
            histogram.RecordValueWithCount(value, n);
            total.RecordValueWithCount(value, n);
        }
    }

    /// <summary>Standard normal quantiles at (i + 0.5) / 24, so the 24 values are equally likely.</summary>
    private static readonly double[] NormalQuantile = Enumerable.Range(0, ValuesPerHistogram)
        .Select(i => InverseNormal((i + 0.5) / ValuesPerHistogram)).ToArray();

    /// <summary>Acklam's rational approximation of the inverse normal CDF (good to ~1e-9; plenty for synthetic data).</summary>
    private static double InverseNormal(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}

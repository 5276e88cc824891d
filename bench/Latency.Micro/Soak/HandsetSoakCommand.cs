using System.Diagnostics;
using System.Globalization;
using System.Text;
using HdrHistogram;
using Latency.Micro.MaxRate;
using Latency.RunDirectory;
using MathNet.Numerics;

namespace Latency.Micro.Soak;

/// <summary>
/// <c>handset-soak</c>: the harness itself (<c>latency run</c>, its own process, as users run it) drives N concurrent
/// simulated handsets, closed model with keep-alive, against the product's handset backend in a third process, for M
/// minutes; memory of both processes is read every few seconds. Reports the harness's peak resident memory, the slope
/// of its memory over the last half of the run (the last 5 minutes of a 10-minute run: growth there is a leak, not
/// warm-up), and the corrected p99 per minute from the run directory, to show whether latency stays stable.
/// </summary>
public static class HandsetSoakCommand
{
    /// <summary>Runs the soak; 0 when it ran (the figures are the result, not a verdict), 2 for bad arguments.</summary>
    /// <param name="args">The command's arguments.</param>
    public static async Task<int> RunAsync(string[] args)
    {
        if (HandsetSoakOptions.Parse(args, out var problem) is not { } options)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("latency-soak-");
        try
        {
            await using var backend = await ServerProcess.StartAsync(TimeSpan.FromSeconds(30), options.Http == "2" ? ["--h2c"] : [], CancellationToken.None);
            var suite = Path.Combine(work.FullName, "soak.yaml");
            await File.WriteAllTextAsync(suite, Suite(options, new Uri(backend.BaseUrl, "/")));
            var runDirectory = Path.Combine(work.FullName, "run");
            var harness = Harness(suite, runDirectory, options.HarnessGcHeapLimitMb);
            var samples = new List<MemorySample>();
            var clock = Stopwatch.StartNew();
            var output = harness.StandardOutput.ReadToEndAsync();
            var error = harness.StandardError.ReadToEndAsync();
            while (!harness.HasExited)
            {
                samples.Add(new MemorySample(clock.Elapsed, DateTimeOffset.UtcNow, ProcessMemory.ResidentMb(harness.Id), ProcessMemory.ResidentMb(backend.ProcessId)));
                if (samples.Count % Math.Max(1, 60 / options.SampleSeconds) == 0)
                {
                    Console.Error.WriteLine($"{clock.Elapsed:mm\\:ss} harness {samples[^1].HarnessRssMb:0} MiB, backend {samples[^1].BackendRssMb:0} MiB");
                }

                await Task.WhenAny(harness.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(options.SampleSeconds)));
            }

            var text = Result(options, samples.Where(s => !double.IsNaN(s.HarnessRssMb)).ToList(), harness.ExitCode, await output, await error,
                await RunDirectoryReader.ReadAsync(runDirectory));
            Console.WriteLine(text);
            if (options.Output is { } file)
            {
                await File.WriteAllTextAsync(file, text);
            }

            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Suite(HandsetSoakOptions options, Uri backend) => string.Create(CultureInfo.InvariantCulture, $$"""
        version: 1
        name: handset-soak
        targets:
          backend: {{backend}}
        scenarios:
          - name: handsets
            target: backend
            http: "{{options.Http}}"
            connections: {{options.Handsets}}
            steps:
              - name: poll
                path: /poll
                headers: { X-Latency-Server-Ms: "{{options.ServerMs}}", X-Latency-Response-Bytes: "{{options.ResponseBytes}}" }
                timeout: 60s
            load:
              - keep_constant: { copies: {{options.Handsets}}, during: {{options.Minutes * 60:0}}s }
        """);

    /// <summary>The harness as users start it: <c>dotnet latency.dll run</c>, its own process and runtime settings.</summary>
    private static Process Harness(string suite, string runDirectory, int? gcHeapLimitMb)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (gcHeapLimitMb is { } limit)
        {
            start.Environment["DOTNET_GCHeapHardLimit"] = ((long)limit * 1024 * 1024).ToString("x", CultureInfo.InvariantCulture);
        }

        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "latency.dll"), "run", suite, "--out", runDirectory, "--no-progress" })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start the harness");
    }

    private static string Result(HandsetSoakOptions options, IReadOnlyList<MemorySample> samples, int exitCode, string output, string error, RunData run)
    {
        var text = new StringBuilder();
        var manifest = run.Manifest;
        // The load's own window (run.json's start and end): start-up before it and the report after it are not the soak.
        var inWindow = manifest is null ? [] : samples.Where(s => s.Wall >= manifest.StartedUtc && s.Wall <= manifest.EndedUtc).ToList();
        // A harness that died has no end in run.json: then every sample is the load's.
        var load = inWindow.Count >= 2 ? inWindow : samples;
        var middle = load[0].Elapsed + (load[^1].Elapsed - load[0].Elapsed) / 2;
        var lastHalf = load.Where(s => s.Elapsed >= middle).ToList();
        var end = lastHalf[^1].Elapsed;
        var (_, slope) = Fit.Line(lastHalf.Select(s => s.Elapsed.TotalMinutes).ToArray(), lastHalf.Select(s => s.HarnessRssMb).ToArray());
        var scenario = manifest?.Scenarios.FirstOrDefault();
        var limit = options.HarnessGcHeapLimitMb is { } mb ? string.Create(CultureInfo.InvariantCulture, $", harness GC heap limited to {mb} MiB") : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"handset-soak: {options.Handsets:N0} handsets, HTTP/{options.Http}, closed model, keep-alive, " +
            $"{options.ServerMs} ms server time and {options.ResponseBytes} bytes a request, {options.Minutes:0.#} min{limit}; harness exit {exitCode}, status {manifest?.Status}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- harness peak RSS: {samples.Max(s => s.HarnessRssMb):0} MiB; backend peak RSS: {samples.Max(s => s.BackendRssMb):0} MiB");
        text.AppendLine(CultureInfo.InvariantCulture, $"- harness RSS slope over the load's last half ({lastHalf[0].Elapsed.TotalMinutes:0.0}-{end.TotalMinutes:0.0} min, " +
            $"{lastHalf.Count} samples): {slope:+0.00;-0.00} MiB/min");
        if (scenario is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- iterations: ok {scenario.Iterations.Ok:N0}, failed {scenario.Iterations.Failed:N0}, " +
                $"{scenario.Iterations.Ok / Math.Max(1, (manifest!.EndedUtc - manifest.StartedUtc).TotalSeconds):N0}/s");
        }

        text.AppendLine("- corrected latency per minute (ms): minute, count, p50, p99, max; harness RSS at the minute's end (MiB)");
        var corrected = run.Intervals.FirstOrDefault(i => i.Key.IsIteration && i.Key.Kind == HistogramTag.Corrected).Value ?? [];
        var start = corrected.Count > 0 ? corrected.Min(i => i.StartTimeStamp) : 0;
        foreach (var minute in corrected.GroupBy(i => (i.EndTimeStamp - start - 1) / 60_000).OrderBy(g => g.Key))
        {
            var histogram = new LongHistogram(minute.First().LowestTrackableValue, minute.First().HighestTrackableValue, minute.First().SignificantDigits);
            foreach (var interval in minute)
            {
                interval.AddTo(histogram);
            }

            var rss = samples.LastOrDefault(s => s.Elapsed.TotalMinutes <= minute.Key + 1)?.HarnessRssMb ?? double.NaN;
            text.AppendLine(CultureInfo.InvariantCulture, $"  {minute.Key + 1,3} {histogram.TotalCount,9:N0} {histogram.GetValueAtPercentile(50) / 1000.0,9:0.0} " +
                $"{histogram.GetValueAtPercentile(99) / 1000.0,9:0.0} {histogram.GetMaxValue() / 1000.0,9:0.0}  {rss,6:0}");
        }

        text.AppendLine("- memory samples (min, harness MiB, backend MiB):");
        foreach (var sample in samples.Where((_, i) => i % Math.Max(1, 30 / options.SampleSeconds) == 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {sample.Elapsed.TotalMinutes:0.00} {sample.HarnessRssMb:0} {sample.BackendRssMb:0}");
        }

        var lastLines = (output + error).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(12);
        text.AppendLine("- the harness's last lines:").AppendLine("```").AppendLine(string.Join('\n', lastLines)).AppendLine("```");
        return text.ToString();
    }
}

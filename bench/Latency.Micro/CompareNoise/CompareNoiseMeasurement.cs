using System.Diagnostics;
using System.Globalization;
using Latency.Bench.Application;
using Latency.Reports.Compare;
using Latency.RunDirectory;

namespace Latency.Micro.CompareNoise;

/// <summary>
/// One <c>compare-noise</c> measurement: the runs, the history they feed, the comparisons. Runs are the <c>latency</c>
/// program's (a child process each); comparisons and history adds go through the application services, so no default
/// history file of the current folder can creep in.
/// </summary>
internal sealed class CompareNoiseMeasurement(CompareNoiseOptions options, Uri server, string work)
{
    private readonly string _history = Path.Combine(work, "history.db");

    private readonly Dictionary<string, List<double[]>> _aQuantiles = new(StringComparer.Ordinal);

    private int _runs;

    public async Task<CompareNoiseResult> RunAsync(CancellationToken cancellationToken)
    {
        var total = options.HistoryRuns + 3 * options.Pairs;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.HistoryRuns; i++)
        {
            await AddAsync(await MeasureRunAsync(options.ServerMs, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            Progress(total, clock);
        }

        var pairs = new List<CompareNoisePair>();
        for (var i = 0; i < options.Pairs; i++)
        {
            var a1 = await MeasureRunAsync(options.ServerMs, cancellationToken).ConfigureAwait(false);
            var a2 = await MeasureRunAsync(options.ServerMs, cancellationToken).ConfigureAwait(false);
            var b = await MeasureRunAsync(options.SlowerMs, cancellationToken).ConfigureAwait(false);
            pairs.Add(new CompareNoisePair(
                await CompareAsync(a1, a2, null, cancellationToken).ConfigureAwait(false),
                await CompareAsync(a1, a2, _history, cancellationToken).ConfigureAwait(false),
                await CompareAsync(a1, b, null, cancellationToken).ConfigureAwait(false),
                await CompareAsync(a1, b, _history, cancellationToken).ConfigureAwait(false)));
            await AddAsync(a1, cancellationToken).ConfigureAwait(false);
            await AddAsync(a2, cancellationToken).ConfigureAwait(false);
            Progress(total, clock);
        }

        return new CompareNoiseResult(pairs, _aQuantiles.ToDictionary(p => p.Key, p => (IReadOnlyList<double[]>)p.Value));
    }

    private void Progress(int total, Stopwatch clock) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"compare-noise: {_runs} of {total} runs, {clock.Elapsed.TotalMinutes:0.0} min"));

    /// <summary>
    /// One run by the <c>latency</c> program built beside this one, as a child process: what a user types, and its own
    /// process, so this program's JIT and GC stay out of the measured times.
    /// </summary>
    private async Task<string> MeasureRunAsync(int serverMs, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(work, $"run-{++_runs:000}");
        var url = new Uri(server, $"health?server_ms={serverMs.ToString(CultureInfo.InvariantCulture)}").AbsoluteUri;
        var latency = Path.Combine(AppContext.BaseDirectory, "latency");
        var start = new ProcessStartInfo(File.Exists(latency) ? latency : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!File.Exists(latency))
        {
            start.ArgumentList.Add(typeof(RunService).Assembly.Location);
        }

        foreach (var argument in new[] { "run", "--url", url, "--rate", options.Rate, "--duration", options.Duration, "--warm-up", options.WarmUp,
                     "--no-progress", "--out", directory })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new CompareNoiseRunFailedException($"could not start {start.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0
            ? directory
            : throw new CompareNoiseRunFailedException($"run {directory} exited {process.ExitCode}: {await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
    }

    /// <summary>Adds an A run to the history and keeps its quantiles for the spread table.</summary>
    private async Task AddAsync(string directory, CancellationToken cancellationToken)
    {
        var outcome = await HistoryService.AddAsync(directory, "A", _history, cancellationToken).ConfigureAwait(false);
        if (outcome.Problems.Count > 0)
        {
            throw new CompareNoiseRunFailedException($"history add {directory}: {outcome.Problems[0].Message}");
        }

        var manifest = await RunManifestFile.ReadAsync(directory, cancellationToken).ConfigureAwait(false);
        foreach (var row in Latency.History.HistoryRows.From(manifest))
        {
            if (!_aQuantiles.TryGetValue(row.Key, out var list))
            {
                _aQuantiles[row.Key] = list = [];
            }

            list.Add([row.P50, row.P95, row.P99]);
        }
    }

    private async Task<RunComparison> CompareAsync(string baseline, string current, string? history, CancellationToken cancellationToken)
    {
        var outDirectory = Path.Combine(work, $"compare-{Guid.NewGuid():N}");
        var outcome = await CompareService.RunAsync(new CompareRequest(baseline, current, options.Tolerance, outDirectory, history), cancellationToken)
            .ConfigureAwait(false);
        return outcome.Comparison ?? throw new CompareNoiseRunFailedException(
            $"compare {baseline} {current}: {string.Join("; ", outcome.Problems.Select(p => p.Message))}");
    }
}

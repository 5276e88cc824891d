using System.Diagnostics;
using System.Globalization;
using System.Text;
using Latency.Bench.Application;
using Latency.Micro.MaxRate;
using Latency.Reports.Compare;
using Latency.Reports.Statistics;
using Latency.RunDirectory;

namespace Latency.Micro.CompareNoise;

/// <summary>
/// <c>compare-noise</c> (issue 13): how often <c>latency compare</c> calls two runs of the same suite a regression on
/// this machine (A/A), and whether it flags a server 25% slower every time with an interval that covers 1.25 (A/B).
/// An independent server (the handset backend in a process of its own, <c>/health?server_ms=N</c>, a fixed server
/// time) is measured by real <c>latency run --url</c> runs: first a few runs that only seed the history, then per pair
/// A, A, B in turn (so a slow spell of the machine falls on both sides). Each pair is compared twice: with the two runs'
/// bootstrap alone, and widened by the history of the earlier A runs (<c>compare --history</c>); both A runs are added to
/// the history after their pair. Prints a Markdown section for bench/results/. Exit codes: 0 measured, 2 bad arguments,
/// 3 a run failed.
/// </summary>
public static class CompareNoiseCommand
{
    private const string Usage =
        "usage: compare-noise [--pairs 20] [--history-runs 8] [--server-ms 40] [--slower-ms 50] [--rate 50] [--duration 4s] [--warm-up 1s] [--tolerance 5%]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (CompareNoiseOptions.Parse(args) is not { } options)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var work = Directory.CreateTempSubdirectory("latency-compare-noise-");
        try
        {
            var load = await File.ReadAllTextAsync("/proc/loadavg", stop.Token).ConfigureAwait(false);
            await using var server = await ServerProcess.StartAsync(TimeSpan.FromSeconds(30), stop.Token).ConfigureAwait(false);
            var measurement = new CompareNoiseMeasurement(options, server.BaseUrl, work.FullName);
            var result = await measurement.RunAsync(stop.Token).ConfigureAwait(false);
            Console.Write(Markdown(options, result, load.Trim(), string.Join(' ', args)));
            return 0;
        }
        catch (CompareNoiseRunFailedException e)
        {
            await Console.Error.WriteLineAsync($"compare-noise: {e.Message}");
            return 3;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Markdown(CompareNoiseOptions options, CompareNoiseResult result, string load, string args)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"## compare-noise: {options.Pairs} A/A and A/B pairs, {options.ServerMs} vs {options.SlowerMs} ms server time");
        text.AppendLine();
        text.AppendLine("`" + $"dotnet run -c Release --project bench/Latency.Micro -- compare-noise {args}".TrimEnd() + "`");
        text.AppendLine();
        text.AppendLine(c, $"Each run: `latency run --url .../health?server_ms=N --rate {options.Rate} --duration {options.Duration} --warm-up {options.WarmUp}` " +
                           $"against the handset backend in a process of its own; {options.HistoryRuns} A runs seed the history first. " +
                           $"Tolerance {options.Tolerance:0.##%}. Load average at start: {load}.");
        text.AppendLine();
        text.AppendLine("Between-run spread of the A runs (SD of the log ratio of consecutive runs, robust; what `compare --history` widens by):");
        text.AppendLine();
        text.AppendLine("| row | runs | p50 | p95 | p99 |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (row, values) in result.ARunQuantiles)
        {
            text.AppendLine(c, $"| {row} | {values.Count} | {Spread(values, 0)} | {Spread(values, 1)} | {Spread(values, 2)} |");
        }

        text.AppendLine();
        text.AppendLine("| comparison | intervals | pairs with a regression (exit 1) | false positive rate | p50 | p95 | p99 | improvements |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var withHistory in new[] { false, true })
        {
            var aa = result.Pairs.Select(p => withHistory ? p.AaWithHistory : p.AaAlone).ToList();
            text.AppendLine(c, $"| A/A | {Intervals(withHistory)} | {aa.Count(x => x.HasRegression)} of {aa.Count} | {(double)aa.Count(x => x.HasRegression) / aa.Count:0.0%} | " +
                               $"{Flagged(aa, 0)} | {Flagged(aa, 1)} | {Flagged(aa, 2)} | {aa.Count(x => x.Rows.Any(r => r.Quantiles.Any(q => q.Verdict == CompareVerdict.Improvement)))} |");
        }

        text.AppendLine();
        text.AppendLine("| comparison | intervals | pairs flagged (exit 1) | p50 regression in every row | p50 interval covers 1.25 in every row | p50 ratio (min-max) | p50 interval (widest) |");
        text.AppendLine("|---|---|---:|---:|---:|---|---|");
        foreach (var withHistory in new[] { false, true })
        {
            var ab = result.Pairs.Select(p => withHistory ? p.AbWithHistory : p.AbAlone).ToList();
            var p50 = ab.SelectMany(x => x.Rows.Select(r => r.Quantiles[0])).ToList();
            var expected = (double)options.SlowerMs / options.ServerMs;
            text.AppendLine(c, $"| A/B | {Intervals(withHistory)} | {ab.Count(x => x.HasRegression)} of {ab.Count} | " +
                               $"{ab.Count(x => x.Rows.All(r => r.Quantiles[0].Verdict == CompareVerdict.Regression))} of {ab.Count} | " +
                               $"{ab.Count(x => x.Rows.All(r => r.Quantiles[0].Lower <= expected && expected <= r.Quantiles[0].Upper))} of {ab.Count} | " +
                               $"{p50.Min(q => q.Ratio):0.000}-{p50.Max(q => q.Ratio):0.000} | {p50.Min(q => q.Lower):0.000}-{p50.Max(q => q.Upper):0.000} |");
        }

        text.AppendLine();
        text.AppendLine("Per pair, first row, p50 ratio (95% interval) verdict:");
        text.AppendLine();
        text.AppendLine("| pair | A/A alone | A/A with history | A/B alone | A/B with history |");
        text.AppendLine("|---:|---|---|---|---|");
        for (var i = 0; i < result.Pairs.Count; i++)
        {
            var pair = result.Pairs[i];
            text.AppendLine(c, $"| {i + 1} | {Cell(pair.AaAlone)} | {Cell(pair.AaWithHistory)} | {Cell(pair.AbAlone)} | {Cell(pair.AbWithHistory)} |");
        }

        text.AppendLine();
        return text.ToString();
    }

    private static string Intervals(bool withHistory) => withHistory ? "widened by the history" : "the two runs alone";

    private static string Flagged(IReadOnlyList<RunComparison> comparisons, int quantile) =>
        comparisons.Count(x => x.Rows.Any(r => r.Quantiles[quantile].Verdict == CompareVerdict.Regression)).ToString(CultureInfo.InvariantCulture);

    private static string Cell(RunComparison comparison) => CompareDocument.Cell(comparison.Rows[0].Quantiles[0]);

    private static string Spread(IReadOnlyList<double[]> values, int quantile) =>
        BetweenRunSpread.Estimate(values.Select(v => v[quantile]).ToList()) is { } sigma ? sigma.ToString("0.0000", CultureInfo.InvariantCulture) : "-";
}

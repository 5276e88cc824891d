using System.Globalization;
using System.Text;

namespace Latency.Micro.ChangePoints;

/// <summary>
/// <c>change-point-accuracy</c> (issue 13): how well <c>history check</c> (ChangePointDetector) finds injected +5, +10
/// and +20 % steps in a row's p50 and p99 series, and how often it alerts on flat series and on one- and two-run
/// spikes of +30 %. Each series is checked night by night, on the runs up to that night only, as a nightly job would.
/// Deterministic for a seed. Prints a Markdown section: per case recall, precision, placement, delay and false alerts.
/// </summary>
public static class ChangePointAccuracyCommand
{
    /// <summary>Step sizes injected: the issue's +5, +10 and +20 %.</summary>
    private static readonly double[] StepSizes = [0.05, 0.10, 0.20];

    /// <summary>Size of the spikes, one or two runs long: a bad night, not a change.</summary>
    private const double SpikeSize = 0.30;

    /// <summary>No change in the first runs: the detector needs two segments of 3 runs before it can say anything.</summary>
    private const int QuietStart = 6;

    /// <summary>No change in the last runs, so a step still has the nights to be found within 3 runs.</summary>
    private const int QuietEnd = 4;

    /// <summary>The issue's goal, for steps of 10 % or more: recall and precision both at least this.</summary>
    private const double Goal = 0.90;

    /// <summary>Runs the command with <paramref name="args"/>; exit 0, or 2 for bad arguments.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (options, errors) = ChangePointAccuracyOptions.Parse(args);
        if (options is null)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"change-point-accuracy: {error}");
            }

            await Console.Error.WriteLineAsync(ChangePointAccuracyOptions.Usage);
            return 2;
        }

        var results = Cases(options).Select((c, i) => Run(c, options, i)).ToList();
        await Console.Out.WriteAsync(Markdown(options, results));
        return 0;
    }

    /// <summary>Per quantile: each step size, a flat series, and spikes of one and two runs.</summary>
    private static IEnumerable<AccuracyCase> Cases(ChangePointAccuracyOptions options)
    {
        foreach (var (quantile, noise) in new[] { ("p50", options.P50Noise), ("p99", options.P99Noise) })
        {
            foreach (var size in StepSizes)
            {
                yield return new AccuracyCase(quantile, noise, $"step {Percent(size, "+0")}", start => new InjectedChange { Start = start, Size = size })
                {
                    StepSize = size,
                };
            }

            yield return new AccuracyCase(quantile, noise, "flat", null);
            foreach (var length in new[] { 1, 2 })
            {
                yield return new AccuracyCase(quantile, noise, $"spike {Percent(SpikeSize, "+0")} x{length}",
                    start => new InjectedChange { Start = start, Size = SpikeSize, Length = length });
            }
        }
    }

    /// <summary>The case's series, each from its own seed (the command's seed and the case's number), scored.</summary>
    private static CaseResult Run(AccuracyCase accuracyCase, ChangePointAccuracyOptions options, int caseNumber)
    {
        var random = new Random(unchecked((options.Seed * 1_000_003) + caseNumber));
        var scores = new List<SeriesScore>(options.Series);
        for (var i = 0; i < options.Series; i++)
        {
            var change = accuracyCase.Change?.Invoke(random.Next(QuietStart, options.Runs - QuietEnd));
            var series = SyntheticSeries.Generate(random, options.Runs, accuracyCase.Noise, change);
            scores.Add(AlertScoring.Score(NightlyCheck.Alerts(series, options.Tolerance, options.MinSegment), change, options.Runs));
        }

        return new CaseResult(accuracyCase, scores);
    }

    private static string Markdown(ChangePointAccuracyOptions options, IReadOnlyList<CaseResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"### change-point-accuracy: p50 noise {Percent(options.P50Noise)}, p99 noise {Percent(options.P99Noise)}, tolerance {Percent(options.Tolerance)}, min segment {options.MinSegment}, {options.Series} series x {options.Runs} runs, seed {options.Seed}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- assumption: a run's p50 varies from run to run by lognormal noise of sigma {Percent(options.P50Noise)}, its p99 by {Percent(options.P99Noise)}, independently from run to run (no drift, no weekly pattern).");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- steps and spikes start at a run drawn uniformly from run {QuietStart + 1} to run {options.Runs - QuietEnd} (1-based); a step stays to the end, a spike is {Percent(SpikeSize, "+0")} for 1 or 2 runs.");
        text.AppendLine(
            "- each night the check sees only the runs so far; nights in a row that report a slower level are one alert, dated and placed by its first night.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- recall: steps alerted within {AlertScoring.MaxDelay} runs after their first run (the earliest possible is min segment - 1: that many runs confirm). precision: alerts that name the step within {AlertScoring.PlacementSlack} runs of its first run, on or after it, of all alerts; any other alert is false. placed exactly: of the steps found, the alert named their first run. delay: nights from the step's first run to the alert.");
        text.AppendLine();
        text.AppendLine("| quantile | noise | case | recall | precision | placed exactly | delay (min / median / max) | false alerts / 100 nights | series with a false alert |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var result in results)
        {
            var delays = result.Delays;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Case.Quantile} | {Percent(result.Case.Noise)} | {result.Case.Name} | {Share(result.Recall)} | {Share(result.Precision)} ({result.Alerts} alerts) | " +
                $"{Share(result.PlacedExactly)} | {(delays.Count == 0 ? "-" : $"{delays[0]} / {delays[delays.Count / 2]} / {delays[^1]}")} | " +
                $"{result.FalseAlertsPer100Nights:0.00} | {Share(result.SeriesWithFalseAlert)} |");
        }

        text.AppendLine();
        foreach (var quantile in results.GroupBy(r => r.Case.Quantile))
        {
            // Precision as a nightly job meets it: the alerts on steps of 10 % or more, and on as many flat and spiky series.
            var pooled = quantile.Where(r => r.Case.StepSize is null or >= 0.10 - 1e-9).ToList();
            var alerts = pooled.Sum(r => r.Alerts);
            var trueAlerts = pooled.Sum(r => r.Scores.Sum(s => s.TrueAlerts));
            var precision = alerts == 0 ? (double?)null : trueAlerts / (double)alerts;
            var recall = quantile.Where(r => r.Case.StepSize >= 0.10 - 1e-9).Min(r => r.Recall);
            var met = recall >= Goal && precision >= Goal;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {quantile.Key}: lowest recall for steps of 10 % or more {Share(recall)}; precision over those steps, flat and spiky series together {Share(precision)} ({trueAlerts} of {alerts} alerts): goal (both >= {Percent(Goal)}) {(met ? "met" : "MISSED")}.");
        }

        text.AppendLine();
        return text.ToString();
    }

    private static string Share(double? share) => share is { } value ? value.ToString("0.0%", CultureInfo.InvariantCulture) : "-";

    private static string Percent(double share, string format = "0.#") =>
        (share * 100).ToString(format, CultureInfo.InvariantCulture) + "%";
}

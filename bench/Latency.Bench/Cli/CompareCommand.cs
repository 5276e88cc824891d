using System.CommandLine;
using System.Globalization;
using Latency.Bench.Application;
using Latency.Reports.Compare;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Cli;

/// <summary>
/// <c>latency compare BASELINE_DIR CURRENT_DIR [--tolerance 5%] [--out DIR]</c>: current / baseline at p50, p95 and
/// p99 for every row the runs share, with 95% bootstrap intervals and a verdict each (<see cref="CompareVerdict"/>).
/// Exit 0 without a regression, 1 with one, 2 when the runs are not comparable (each difference named) or the input is
/// wrong, 3 when the files cannot be written.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var baseline = new Argument<string>("baseline-dir") { Description = "The run directory to compare against (e.g. the last good build's)." };
        var current = new Argument<string>("current-dir") { Description = "The run directory to judge." };
        var tolerance = new Option<string>("--tolerance", "-t")
        {
            Description = "How far a ratio's whole 95% interval must lie from 1 to count as a change, in percent ('5%' or '5').",
            DefaultValueFactory = _ => "5%",
        };
        var outDirectory = new Option<string?>("--out", "-o") { Description = "Where to write compare.md|html|json (default: the current run directory)." };
        var history = new Option<string?>("--history")
        {
            Description = "A run history (latency history add) whose earlier runs of the same suite on the same machine widen each " +
                          $"interval by how much that row moved between runs (default: {HistoryService.DefaultHistoryFile} when it exists).",
        };
        var command = new Command("compare",
            "Compare two run directories: for every row both share (study: probe x workload x deployment; otherwise each " +
            "scenario's corrected iteration latency and each step), current / baseline at p50, p95 and p99 with a 95% " +
            "bootstrap interval (the report's seeded resampling), widened where the history shows that row moving more " +
            "between earlier runs (at least 5 of the same suite on the same machine). Verdict per quantile: regression when the " +
            "interval lies wholly above 1 + tolerance, improvement when wholly below 1 - tolerance (with many rows, also after " +
            "a Benjamini-Hochberg correction at 5%), too_few_samples when a run has fewer samples than the interval needs, " +
            "else no_change. Writes compare.md, compare.html and compare.json.\n" +
            "Exit codes: 0 no regression, 1 a regression, 2 runs not comparable (each difference is named) or bad input, " +
            "3 the files cannot be written.")
        {
            baseline, current, tolerance, outDirectory, history,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(baseline)!, parse.GetValue(current)!,
            parse.GetValue(tolerance)!, parse.GetValue(outDirectory), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error,
            cancellationToken, parse.GetValue(history) ?? (File.Exists(HistoryService.DefaultHistoryFile) ? HistoryService.DefaultHistoryFile : null)));
        return command;
    }

    internal static async Task<int> ExecuteAsync(string baseline, string current, string tolerance, string? outDirectory,
        TextWriter output, TextWriter error, CancellationToken cancellationToken, string? historyFile = null)
    {
        if (ParseTolerance(tolerance) is not { } share)
        {
            return await ValidationErrorReporter.ReportAsync(error,
                [new ValidationError(null, $"--tolerance: '{tolerance}' is not a percentage from 0 to under 100, e.g. 5%")],
                "nothing was compared").ConfigureAwait(false);
        }

        CompareOutcome outcome;
        try
        {
            outcome = await CompareService.RunAsync(new CompareRequest(baseline, current, share, outDirectory, historyFile), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{outDirectory ?? current}: cannot write the comparison: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }

        if (outcome.Problems.Count > 0)
        {
            return await ValidationErrorReporter.ReportAsync(error, outcome.Problems, "the runs are not comparable; nothing was written")
                .ConfigureAwait(false);
        }

        var comparison = outcome.Comparison!;
        await output.WriteLineAsync(CompareDocument.Headline(comparison)).ConfigureAwait(false);
        await output.WriteLineAsync(CompareDocument.IntervalSource(comparison)).ConfigureAwait(false);
        foreach (var row in comparison.Rows.Where(r => r.Quantiles.Any(q => q.Verdict != CompareVerdict.NoChange)))
        {
            var cells = string.Join(", ", row.Quantiles.Select(q => $"{q.Name} {CompareDocument.Cell(q)}"));
            await output.WriteLineAsync($"  {row.Row.Label}: {cells}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"Written: {string.Join(", ", outcome.Files)}").ConfigureAwait(false);
        return comparison.HasRegression ? ExitCodes.ThresholdsFailed : ExitCodes.Ok;
    }

    /// <summary>"5%" or "5" as 0.05; null unless a number from 0 to under 100.</summary>
    internal static double? ParseTolerance(string text)
    {
        var number = text.Trim().TrimEnd('%').Trim();
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and < 100
            ? percent / 100
            : null;
    }
}

using System.CommandLine;
using System.Globalization;
using Latency.Bench.Application;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Cli;

/// <summary>
/// <c>latency nightly [SUITE] [--baseline DIR|last-good] [--history FILE] [--out DIR] [--tolerance 5%]</c>: runs the
/// suite, adds it to the history, compares it with the baseline, checks the history, writes nightly.html and
/// nightly.json (<see cref="NightlySummary"/>) and exits with the worst of the steps' codes (<see cref="ExitCodes.Worst"/>).
/// </summary>
public static class NightlyCommand
{
    public static Command Create()
    {
        var suite = new Argument<string?>("suite")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "Suite file, as 'latency run' takes it; without it, the default study (built in).",
        };
        var baseline = new Option<string>("--baseline", "-b")
        {
            Description = $"The run directory to compare with, or '{NightlyRequest.LastGood}': the most recent earlier run of the same " +
                          "suite on this machine in the history that completed, passed its thresholds and whose directory still exists.",
            DefaultValueFactory = _ => NightlyRequest.LastGood,
        };
        var history = new Option<string>("--history")
        {
            Description = $"The history file the run is added to and checked against (default {HistoryService.DefaultHistoryFile}).",
            DefaultValueFactory = _ => HistoryService.DefaultHistoryFile,
        };
        var outDirectory = new Option<string?>("--out", "-o")
        {
            Description = "The nightly directory: run/ (the run directory), compare.html|md|json, nightly.html and nightly.json " +
                          "(default runs/nightly-<UTC time>).",
        };
        var tolerance = new Option<string>("--tolerance", "-t")
        {
            Description = "The comparison's and the history check's tolerance, in percent ('5%' or '5').",
            DefaultValueFactory = _ => "5%",
        };
        var duration = new Option<string?>("--duration", "-d") { Description = "Stop scheduling after this long, e.g. 30s or 2m." };
        var noProgress = new Option<bool>("--no-progress") { Description = "Do not show live progress (a job's log wants lines)." };
        var publish = RunCommand.PublishOption();
        var command = new Command("nightly",
            "Run a suite for a nightly job: run it into DIR/run, add it to the history, compare it with the baseline (by default " +
            "the last good run), check the suite's history for a new, slower level, and write DIR/nightly.html, one page " +
            "linking the run's report, the comparison and the trend, with nightly.json beside it.\n" +
            "Exit code: the worst of the steps' (3 > 2 > 1 > 0): 0 all well, 1 a threshold failed, a regression or a new " +
            "slower level, 2 bad input or could not judge (not comparable, history unreadable), 3 the run failed or was interrupted.")
        {
            suite, baseline, history, outDirectory, tolerance, duration, noProgress, publish,
        };
        command.SetAction((parse, _) => ExecuteAsync(new NightlyOptions
        {
            SuitePath = parse.GetValue(suite),
            Baseline = parse.GetValue(baseline)!,
            HistoryFile = parse.GetValue(history)!,
            OutDirectory = parse.GetValue(outDirectory),
            Tolerance = parse.GetValue(tolerance)!,
            Duration = parse.GetValue(duration),
            NoProgress = parse.GetValue(noProgress),
            Publish = parse.GetValue(publish),
        }, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Runs the nightly <paramref name="options"/> ask for, prints each step and the summary's headline, returns the exit code.</summary>
    internal static async Task<int> ExecuteAsync(NightlyOptions options, TextWriter output, TextWriter error)
    {
        var share = CompareCommand.ParseTolerance(options.Tolerance);
        var request = new NightlyRequest
        {
            SuitePath = options.SuitePath,
            OutDirectory = options.OutDirectory
                ?? Path.Combine("runs", $"nightly-{DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}"),
            Duration = options.Duration,
            NoProgress = options.NoProgress,
            Baseline = options.Baseline,
            HistoryFile = options.HistoryFile,
            Tolerance = share ?? 0,
        };
        if (share is null)
        {
            // Every problem at once: the tolerance's with the suite's and the baseline's.
            var problems = NightlyService.Validate(request)
                .Prepend(new ValidationError(null, $"--tolerance: '{options.Tolerance}' is not a percentage from 0 to under 100, e.g. 5%"))
                .ToList();
            return await ValidationErrorReporter.ReportAsync(error, problems, "nothing was run").ConfigureAwait(false);
        }

        // A failure escapes to LatencyCli's handler, which reports every command's the same way.
        var observer = new ConsoleRunObserver(output, error, !request.NoProgress);
        using var signals = new StopSignals(observer.Stopping);
        var outcome = await new NightlyService(observer).RunAsync(request, signals.Token).ConfigureAwait(false);
        if (outcome.Problems.Count > 0 || outcome.Run is null)
        {
            return await ValidationErrorReporter.ReportAsync(error, outcome.Problems, "nothing was run").ConfigureAwait(false);
        }

        var runCode = await RunCommand.ReportAsync(outcome.Run, output, error).ConfigureAwait(false);
        int? publishCode = options.Publish is null || outcome.Run.RunDirectory is null
            ? null
            : await PublishCommand.ExecuteAsync(outcome.Run.RunDirectory, new PublishOptions(CloudWatch: true), output, error, signals.Token)
                .ConfigureAwait(false);
        var exit = Exit(outcome, runCode, publishCode);
        var files = await NightlySummary.WriteAsync(outcome, exit, CancellationToken.None).ConfigureAwait(false);
        await output.WriteLineAsync($"Summary: {files[0]} (exit {exit.Code.ToString(CultureInfo.InvariantCulture)}: {exit.Meaning})")
            .ConfigureAwait(false);
        await output.WriteLineAsync(NightlySummary.Headline(outcome)).ConfigureAwait(false);
        return exit.Code;
    }

    /// <summary>Each step's code and the worst of them; a step that did not happen counts as 0 (the run's code covers why).</summary>
    /// <param name="outcome">The nightly's steps.</param>
    /// <param name="runCode">The run's own exit code.</param>
    /// <param name="publishCode">Publishing's exit code, or null when nothing was to be published.</param>
    internal static NightlyExit Exit(NightlyOutcome outcome, int runCode, int? publishCode = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var steps = new List<(string Step, int Code)>
        {
            ("run", runCode),
            ("history", outcome.History is { } history ? ExitCodes.For(history) : ExitCodes.Ok),
            ("compare", outcome.Compare is { } compare ? ExitCodes.For(compare) : ExitCodes.Ok),
            ("check", outcome.Check is { } check ? ExitCodes.For(check) : ExitCodes.Ok),
        };
        if (publishCode is { } published)
        {
            steps.Add(("publish", published));
        }

        var code = ExitCodes.Worst(steps.Select(s => s.Code));
        return new NightlyExit { Code = code, Meaning = ExitCodes.NightlyMeaning(code), Steps = steps };
    }
}

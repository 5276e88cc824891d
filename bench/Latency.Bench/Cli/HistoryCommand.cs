using System.CommandLine;
using System.Globalization;
using Latency.Bench.Application;
using Latency.History;
using Latency.Reports.Trend;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Cli;

/// <summary>
/// <c>latency history add RUN_DIR [--label TEXT] [--history FILE]</c>,
/// <c>latency history add-bdn PATH [--label TEXT] [--history FILE]</c> (BenchmarkDotNet JSON reports: a file, or a
/// folder such as <c>BenchmarkDotNet.Artifacts/results</c>; one run per report, suite <c>bdn:</c> and the benchmark
/// class, one row per benchmark in picoseconds, shown in ns),
/// <c>latency history show [--suite NAME] [--row FILTER] [--last N] [--history FILE]</c>,
/// <c>latency history check [--suite NAME] [--row FILTER] [--tolerance 5%] [--history FILE]</c> and
/// <c>latency history report [--suite NAME] [--row FILTER] [--last N] [--tolerance 5%] [--history FILE] --out DIR</c>
/// (trend.html and a chart per row, charts/*.png and *.svg): the run history, an embedded SQLite file
/// (<see cref="HistoryService"/>). Bad input exits 2 with one line per problem; a report that cannot be written exits 3.
/// </summary>
public static class HistoryCommand
{
    public static Command Create()
    {
        var command = new Command("history",
            "Keep runs in a history file (SQLite, default " + HistoryService.DefaultHistoryFile + ") and show their trend: " +
            "per row (a study's probe/deployment/workload; a suite's scenario and scenario/step) p50, p95, p99, count and errors, " +
            "with the suite, label, git commit, machine and start time of each run. Two jobs may add at once. 'check' finds " +
            "rows at a new, slower level; 'report' draws each row's trend into trend.html and charts.");
        command.Subcommands.Add(CreateAdd());
        command.Subcommands.Add(CreateAddBenchmarks());
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(CreateCheck());
        command.Subcommands.Add(CreateReport());
        return command;
    }

    internal static async Task<int> AddAsync(string runDirectory, string? label, string historyFile, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var outcome = await HistoryService.AddAsync(runDirectory, label, historyFile, cancellationToken).ConfigureAwait(false);
        if (outcome.Problems.Count > 0)
        {
            return await ValidationErrorReporter.ReportAsync(error, outcome.Problems, "nothing was added").ConfigureAwait(false);
        }

        await output.WriteLineAsync(AddedLine(historyFile, outcome.Run!, outcome.Result!)).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static string AddedLine(string historyFile, HistoryRun run, HistoryAddResult result) => result.AlreadyStored
        ? $"{historyFile}: run {result.RunId} is this run already ({run.Suite}, {run.Machine}, started {Date(run.StartedUtc)}); not added again."
        : $"{historyFile}: added run {result.RunId} ({run.Suite}, {run.Machine}, started {Date(run.StartedUtc)}, " +
          $"commit {Short(run.Commit)}): {result.Rows} rows.";

    internal static async Task<int> AddBenchmarksAsync(string path, string? label, string historyFile, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var outcome = await HistoryService.AddBenchmarkReportsAsync(path, label, historyFile, cancellationToken).ConfigureAwait(false);
        if (outcome.Problems.Count > 0)
        {
            return await ValidationErrorReporter.ReportAsync(error, outcome.Problems, "nothing was added").ConfigureAwait(false);
        }

        foreach (var report in outcome.Reports)
        {
            await output.WriteLineAsync(AddedLine(historyFile, report.Run!, report.Result!)).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    internal static async Task<int> ShowAsync(string historyFile, HistoryQuery query, TextWriter output, TextWriter error)
    {
        var outcome = HistoryService.Show(historyFile, query);
        if (outcome.Problems.Count > 0)
        {
            return await ValidationErrorReporter.ReportAsync(error, outcome.Problems, "nothing was shown").ConfigureAwait(false);
        }

        if (outcome.Entries.Count == 0)
        {
            await output.WriteLineAsync($"{historyFile}: no runs match.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        foreach (var line in Table(outcome.Entries))
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    internal static async Task<int> CheckAsync(string historyFile, HistoryQuery query, string tolerance, TextWriter output, TextWriter error)
    {
        if (CompareCommand.ParseTolerance(tolerance) is not { } share)
        {
            return await BadToleranceAsync(tolerance, error, "nothing was checked").ConfigureAwait(false);
        }

        var outcome = HistoryService.Check(historyFile, query, share);
        if (outcome.Problems.Count > 0)
        {
            return await ValidationErrorReporter.ReportAsync(error, outcome.Problems, "nothing was checked").ConfigureAwait(false);
        }

        foreach (var change in outcome.Changes)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{change.Suite}: {change.Row}: {change.Quantile} slower from run {change.Run.Id} ({Date(change.Run.StartedUtc)}, " +
                $"commit {Short(change.Run.Commit)}): {Shown(change.Before, change.Unit)} -> {Shown(change.After, change.Unit)} {ShownUnit(change.Unit)} " +
                $"({change.Ratio - 1:+0.0%})"))
                .ConfigureAwait(false);
        }

        await output.WriteLineAsync(outcome.Changes.Count == 0
            ? $"{historyFile}: no new slower level in {outcome.SeriesChecked} series of {outcome.Runs} runs."
            : $"{historyFile}: {outcome.Changes.Count} of {outcome.SeriesChecked} series ({outcome.Runs} runs) are at a new, slower level.")
            .ConfigureAwait(false);
        return outcome.Changes.Count == 0 ? ExitCodes.Ok : ExitCodes.ThresholdsFailed;
    }

    internal static async Task<int> ReportAsync(string historyFile, HistoryQuery query, string tolerance, string? outDirectory,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (CompareCommand.ParseTolerance(tolerance) is not { } share)
        {
            return await BadToleranceAsync(tolerance, error, "nothing was written").ConfigureAwait(false);
        }

        HistoryReportOutcome outcome;
        try
        {
            outcome = await HistoryService.ReportAsync(historyFile, query, share, outDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{outDirectory}: cannot write the trend report: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }

        if (outcome.Problems.Count > 0)
        {
            return await ValidationErrorReporter.ReportAsync(error, outcome.Problems, "nothing was written").ConfigureAwait(false);
        }

        await output.WriteLineAsync(TrendDocument.Summary(outcome.Report!)).ConfigureAwait(false);
        await output.WriteLineAsync("Written:").ConfigureAwait(false);
        foreach (var file in outcome.Files)
        {
            await output.WriteLineAsync($"  {file}").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// One block per row key (in the order first seen), one line per run in it, oldest first: a trend reads down. Times
    /// are in ms for the harness's rows (stored in us) and in ns for benchmarks' (stored in ps).
    /// </summary>
    internal static IEnumerable<string> Table(IReadOnlyList<HistoryEntry> entries)
    {
        var keys = entries.SelectMany(e => e.Rows.Select(r => r.Key)).Distinct(StringComparer.Ordinal).ToList();
        var labelWidth = Math.Max(5, entries.Max(e => e.Run.Label?.Length ?? 1));
        var first = true;
        foreach (var key in keys)
        {
            if (!first) yield return "";
            first = false;
            var unit = ShownUnit(entries.SelectMany(e => e.Rows).First(r => r.Key == key).Unit);
            yield return key;
            yield return $"  {"run",5}  {"started (UTC)",-16}  {"label".PadRight(labelWidth)}  {"commit",-7}  {"p50 " + unit,9}  {"p95 " + unit,9}  {"p99 " + unit,9}  {"count",8}  {"errors",7}";
            foreach (var entry in entries)
            {
                if (entry.Rows.FirstOrDefault(r => r.Key == key) is not { } row) continue;
                var run = entry.Run;
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"  {run.Id,5}  {Date(run.StartedUtc),-16}  {(run.Label ?? "-").PadRight(labelWidth)}  {Short(run.Commit),-7}  " +
                    $"{Shown(row.P50, row.Unit),9}  {Shown(row.P95, row.Unit),9}  {Shown(row.P99, row.Unit),9}  {row.Count,8}  {row.Errors,7}");
            }
        }
    }

    private static Command CreateAdd()
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "Run directory, as written by 'latency run --out' (its run.json is read)." };
        var label = new Option<string?>("--label") { Description = "A text stored with the run, e.g. 'nightly' or 'after the CDN change'." };
        var history = HistoryOption();
        var command = new Command("add",
            "Add a run to the history: its suite, git commit (of the checkout the suite file is in, if any), machine, start " +
            "time, status, and per row p50/p90/p95/p99/max, count and errors from run.json. A run already there (same suite, " +
            "machine and start time) is not added again.")
        {
            runDirectory, label, history,
        };
        command.SetAction((parse, cancellationToken) => AddAsync(parse.GetValue(runDirectory)!, parse.GetValue(label), parse.GetValue(history)!,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static Command CreateAddBenchmarks()
    {
        var path = new Argument<string>("path")
        {
            Description = "A BenchmarkDotNet JSON report (--exporters json: *-report-full-compressed.json; also -full, -brief, " +
                          "plain), or a folder of them such as BenchmarkDotNet.Artifacts or its results/.",
        };
        var label = new Option<string?>("--label") { Description = "A text stored with each run, e.g. 'nightly'." };
        var history = HistoryOption();
        var command = new Command("add-bdn",
            "Add BenchmarkDotNet reports to the history, one run per report: suite 'bdn:' and the benchmark class's full name, " +
            "start time from the report's title (else the file's time), git commit of the report's folder, this machine; one " +
            "row per benchmark ('Method' or 'Method(param: value)') with median, p90, p95, p99 (from the iterations; the " +
            "maximum when the report has none) and max per operation (stored in ps, shown in ns) and the iteration count. 'history check' then " +
            "follows them like any row. A report already there is not added again; one bad file and nothing is added.")
        {
            path, label, history,
        };
        command.SetAction((parse, cancellationToken) => AddBenchmarksAsync(parse.GetValue(path)!, parse.GetValue(label), parse.GetValue(history)!,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static Command CreateShow()
    {
        var suite = new Option<string?>("--suite") { Description = "Only runs of this suite or study (its name in run.json)." };
        var row = new Option<string?>("--row") { Description = "Only rows whose name contains this text (case-insensitive), e.g. 'mumbai/' or 'checkout/get'." };
        var last = new Option<int?>("--last") { Description = "Only the N most recent runs (by start time)." };
        var history = HistoryOption();
        var command = new Command("show",
            "Show the history as a trend: for each row, one line per run (oldest first) with its number, start time, label, " +
            "commit, p50/p95/p99 (in ms; benchmarks in ns), count and errors.")
        {
            suite, row, last, history,
        };
        command.SetAction((parse, _) => ShowAsync(parse.GetValue(history)!,
            new HistoryQuery { Suite = parse.GetValue(suite), Row = parse.GetValue(row), Last = parse.GetValue(last) },
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static Command CreateCheck()
    {
        var suite = new Option<string?>("--suite") { Description = "Only runs of this suite or study (its name in run.json)." };
        var row = new Option<string?>("--row") { Description = "Only rows whose name contains this text (case-insensitive)." };
        var tolerance = ToleranceOption("A step of the median smaller than this is not reported, in percent ('5%' or '5').");
        var history = HistoryOption();
        var command = new Command("check",
            "Find rows whose latest runs are a new, slower level: for each suite's row, its p50 series and its p99 series " +
            "(runs by start time) are cut into segments by ED-PELT (Perfolizer; deterministic), each at least 3 runs long, " +
            "so a single slow night is never a change. A row is reported when its latest segment, confirmed by 3 runs, has " +
            "a median more than the tolerance above the segment before: the run it starts at, before -> after (ms; benchmarks ns) and the step. " +
            "In a study only the sessions (probe/deployment/workload) are followed unless --row names request rows; a run with " +
            "fewer samples than a quantile needs (p99: 299) is left out of that quantile's series. " +
            "'compare' judges one pair of runs from their samples; 'check' judges the series.\n" +
            "Exit codes: 0 none, 1 a row got slower, 2 bad input.")
        {
            suite, row, tolerance, history,
        };
        command.SetAction((parse, _) => CheckAsync(parse.GetValue(history)!,
            new HistoryQuery { Suite = parse.GetValue(suite), Row = parse.GetValue(row) }, parse.GetValue(tolerance)!,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static Command CreateReport()
    {
        var suite = new Option<string?>("--suite") { Description = "Only runs of this suite or study (its name in run.json)." };
        var row = new Option<string?>("--row") { Description = "Only rows whose name contains this text (case-insensitive), e.g. 'mumbai/'." };
        var last = new Option<int?>("--last") { Description = "Only the N most recent runs (by start time)." };
        var tolerance = ToleranceOption("A step smaller than this is neither marked nor reported, in percent ('5%' or '5').");
        var history = HistoryOption();
        var outDirectory = new Option<string?>("--out", "-o") { Description = "The folder to write trend.html and charts/ into (created if needed); required." };
        var command = new Command("report",
            "Write the history as a trend report: DIR/trend.html, one self-contained page (charts embedded, no external " +
            "files) that opens with a summary (suites, rows, runs, and the rows at a new, slower level as 'check' judges " +
            "them), then per suite one chart per row (a study's probe/deployment/workload): p50 and p95 in ms over the " +
            "runs, a marker at the first run of each new level of p50 or p95 with its step (ED-PELT, as 'check'), and the " +
            "latest level shaded when it is slower. Each chart is also written as DIR/charts/trend-SUITE-ROW.png and .svg. " +
            "A row with a single run is listed as 'not enough runs'.\n" +
            "Exit codes: 0 written, 2 bad input, 3 the files cannot be written.")
        {
            suite, row, last, tolerance, history, outDirectory,
        };
        command.SetAction((parse, cancellationToken) => ReportAsync(parse.GetValue(history)!,
            new HistoryQuery { Suite = parse.GetValue(suite), Row = parse.GetValue(row), Last = parse.GetValue(last) },
            parse.GetValue(tolerance)!, parse.GetValue(outDirectory), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static Option<string> ToleranceOption(string description) => new("--tolerance", "-t")
    {
        Description = description,
        DefaultValueFactory = _ => "5%",
    };

    private static Task<int> BadToleranceAsync(string tolerance, TextWriter error, string notDone) =>
        ValidationErrorReporter.ReportAsync(error,
            [new ValidationError(null, $"--tolerance: '{tolerance}' is not a percentage from 0 to under 100, e.g. 5%")], notDone);

    private static Option<string> HistoryOption() => new("--history")
    {
        Description = $"The history file (SQLite; default {HistoryService.DefaultHistoryFile}).",
        DefaultValueFactory = _ => HistoryService.DefaultHistoryFile,
    };

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Short(string? commit) => commit is null ? "-" : commit[..Math.Min(7, commit.Length)];

    /// <summary>A value stored in <paramref name="unit"/> as shown: microseconds as ms (to 0.1 ms), picoseconds as ns (to 0.001 ns).</summary>
    private static string Shown(double value, HistoryUnit unit) => unit == HistoryUnit.Microseconds
        ? (value / 1000.0).ToString("0.0", CultureInfo.InvariantCulture)
        : (value / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static string ShownUnit(HistoryUnit unit) => unit == HistoryUnit.Microseconds ? "ms" : "ns";
}

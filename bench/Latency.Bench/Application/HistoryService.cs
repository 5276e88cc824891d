using Latency.History;
using Latency.Reports.Statistics;
using Latency.Reports.Trend;
using Latency.RunDirectory;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>
/// The run history's use cases: <c>latency history add</c> (a run directory's rows, from its run.json, into the
/// history file), <c>latency history add-bdn</c> (BenchmarkDotNet JSON reports, one run each, in picoseconds),
/// <c>latency history show</c> (the stored runs, for a trend), <c>latency history check</c> (rows at a new, slower
/// level) and <c>latency history report</c> (trend.html and charts). Bad input comes back as problems, never as an
/// exception; the command line prints them and decides the exit code.
/// </summary>
public static class HistoryService
{
    /// <summary>The history file when <c>--history</c> is not given, relative to the current folder.</summary>
    public const string DefaultHistoryFile = "runs/history.db";

    /// <summary>
    /// Adds the run in <paramref name="runDirectory"/> to the history at <paramref name="historyFile"/> (created when
    /// missing); a run already there (same suite, machine and start time) is left as it is and reported so.
    /// </summary>
    /// <param name="runDirectory">The run directory, as <c>latency run --out</c> wrote it.</param>
    /// <param name="label">A free text stored with the run, or null.</param>
    /// <param name="historyFile">The history file.</param>
    /// <param name="cancellationToken">Stops reading run.json.</param>
    public static async Task<HistoryAddOutcome> AddAsync(string runDirectory, string? label, string historyFile,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(historyFile);
        if (!Directory.Exists(runDirectory))
        {
            return HistoryAddOutcome.Rejected(new ValidationError(null, $"{runDirectory}: run directory not found"));
        }

        RunManifest manifest;
        try
        {
            manifest = await RunManifestFile.ReadAsync(runDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (RunDirectoryFormatException e)
        {
            return HistoryAddOutcome.Rejected(new ValidationError(null, e.Message));
        }

        var fullRunDirectory = Path.GetFullPath(runDirectory);
        var run = new HistoryRun
        {
            Suite = manifest.Study?.Name ?? manifest.Suite.Name,
            Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim(),
            Commit = GitCommit.Of(CheckoutFolder(manifest.Suite.File, fullRunDirectory)),
            Machine = manifest.Environment.MachineName,
            StartedUtc = manifest.StartedUtc,
            Status = manifest.Status,
            RunDirectory = fullRunDirectory,
        };
        var rows = HistoryRows.From(manifest);
        try
        {
            using var store = HistoryStore.Open(historyFile);
            return new HistoryAddOutcome { Run = run, Result = store.Add(run, rows) };
        }
        catch (HistoryFileException e)
        {
            return HistoryAddOutcome.Rejected(new ValidationError(null, $"--history: {e.Message}"));
        }
    }

    /// <summary>
    /// Adds BenchmarkDotNet's JSON reports at <paramref name="path"/> (a report file, or a folder of them such as
    /// <c>BenchmarkDotNet.Artifacts/results</c>) to the history at <paramref name="historyFile"/>, one run per report
    /// (<see cref="BenchmarkReports"/>); a report already there is left as it is and reported so. Every report is read
    /// before any is added: one bad file and nothing is added.
    /// </summary>
    /// <param name="path">A report file or a folder holding reports.</param>
    /// <param name="label">A free text stored with each run, or null.</param>
    /// <param name="historyFile">The history file.</param>
    /// <param name="cancellationToken">Stops reading the reports.</param>
    public static async Task<HistoryBenchmarkAddOutcome> AddBenchmarkReportsAsync(string path, string? label, string historyFile,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(historyFile);
        var reports = new List<BenchmarkReportRun>();
        try
        {
            foreach (var file in BenchmarkReports.Files(path))
            {
                reports.Add(await BenchmarkReports.ReadAsync(file, label, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (BenchmarkReportException e)
        {
            return new HistoryBenchmarkAddOutcome { Problems = [new ValidationError(null, e.Message)] };
        }

        try
        {
            using var store = HistoryStore.Open(historyFile);
            return new HistoryBenchmarkAddOutcome
            {
                Reports = reports.Select(r => new HistoryAddOutcome { Run = r.Run, Result = store.Add(r.Run, r.Rows) }).ToList(),
            };
        }
        catch (HistoryFileException e)
        {
            return new HistoryBenchmarkAddOutcome { Problems = [new ValidationError(null, $"--history: {e.Message}")] };
        }
    }

    /// <summary>
    /// Why a run could not be added to <paramref name="historyFile"/> when it ends, or null when it could: a folder, a
    /// file that is no history or of a newer schema. A missing file is fine (the add creates it). Opening an existing
    /// history brings an older schema up to date, as the add would.
    /// </summary>
    /// <param name="historyFile">The history file <c>--history</c> names.</param>
    public static ValidationError? Unusable(string historyFile)
    {
        ArgumentNullException.ThrowIfNull(historyFile);
        if (Directory.Exists(historyFile))
        {
            return new ValidationError(null, $"--history: {historyFile}: is a folder, not a history file");
        }

        if (!File.Exists(historyFile))
        {
            return null;
        }

        try
        {
            using var store = HistoryStore.Open(historyFile);
            return null;
        }
        catch (HistoryFileException e)
        {
            return new ValidationError(null, $"--history: {e.Message}");
        }
    }

    /// <summary>The runs of the history at <paramref name="historyFile"/> that <paramref name="query"/> selects, oldest first.</summary>
    public static HistoryShowOutcome Show(string historyFile, HistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(historyFile);
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<ValidationError>();
        if (query.Last is < 1)
        {
            problems.Add(new ValidationError(null, $"--last: must be at least 1, not {query.Last}"));
        }

        var (entries, readProblems) = Read(historyFile, query with { Last = problems.Count > 0 ? 1 : query.Last });
        problems.AddRange(readProblems);
        return problems.Count > 0 ? new HistoryShowOutcome { Problems = problems } : new HistoryShowOutcome { Entries = entries };
    }

    /// <summary>
    /// The rows of the history at <paramref name="historyFile"/> (those <paramref name="query"/> selects) whose latest
    /// runs are a new level of p50 or p99 more than <paramref name="tolerance"/> slower than the one before, by
    /// <see cref="ChangePointDetector"/> on each suite's row's series in start-time order.
    /// </summary>
    /// <param name="historyFile">The history file.</param>
    /// <param name="query">Which suite and rows; its <see cref="HistoryQuery.Last"/> is ignored (the whole series is needed).</param>
    /// <param name="tolerance">A step not worth reporting, as a share (0.05 = 5 %).</param>
    public static HistoryCheckOutcome Check(string historyFile, HistoryQuery query, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(historyFile);
        ArgumentNullException.ThrowIfNull(query);
        var (entries, problems) = Read(historyFile, query with { Last = null });
        if (problems.Count > 0)
        {
            return new HistoryCheckOutcome { Problems = problems };
        }

        var changes = new List<HistoryChange>();
        var series = 0;
        foreach (var (suite, key, allPoints) in RowSeries(entries, allRows: query.Row is not null))
        {
            foreach (var (quantile, probability, value) in Quantiles)
            {
                // A run with fewer samples than the quantile needs (the report's and compare's too_few_samples) says
                // nothing about it: left out of this quantile's series, so a short night's p99 cannot make or hide a step.
                // A benchmark's row counts iterations, each already a mean of many operations: the rule is not for it.
                var points = allPoints.Where(p => p.Row.Unit != HistoryUnit.Microseconds || !SampleSizeRule.IsTooFew(p.Row.Count, probability)).ToList();
                if (points.Count == 0)
                {
                    continue;
                }

                series++;
                // The series is in the newest row's unit: a key's rows keep one unit, but a ratio must never mix two.
                var unit = points[^1].Row.Unit;
                var values = points.Select(p => value(p.Row) * p.Row.Unit.Nanoseconds() / unit.Nanoseconds()).ToList();
                if (ChangePointDetector.Detect(values, tolerance) is { } change)
                {
                    changes.Add(new HistoryChange(suite, key, quantile, points[change.Index].Run, change.Before, change.After, unit));
                }
            }
        }

        return new HistoryCheckOutcome { Changes = changes, SeriesChecked = series, Runs = entries.Count };
    }

    /// <summary>
    /// Writes trend.html and a chart per suite's row (<see cref="TrendWriter"/>) of the runs of the history at
    /// <paramref name="historyFile"/> that <paramref name="query"/> selects, into <paramref name="outDirectory"/>.
    /// </summary>
    /// <param name="historyFile">The history file.</param>
    /// <param name="query">Which suite, rows and most recent runs.</param>
    /// <param name="tolerance">A step not worth reporting or marking, as a share (0.05 = 5 %).</param>
    /// <param name="outDirectory">Where to write; created if needed. Null or blank is a problem.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <exception cref="IOException">The folder or a file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or a file may not be written.</exception>
    public static async Task<HistoryReportOutcome> ReportAsync(string historyFile, HistoryQuery query, double tolerance, string? outDirectory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(historyFile);
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(outDirectory))
        {
            problems.Add(new ValidationError(null, "--out: required, the folder to write trend.html and charts/ into"));
        }

        var shown = Show(historyFile, query);
        problems.AddRange(shown.Problems);
        if (problems.Count > 0)
        {
            return new HistoryReportOutcome { Problems = problems };
        }

        var report = new TrendReport
        {
            Series = RowSeries(shown.Entries, allRows: query.Row is not null).Select(s => new TrendSeries
            {
                Suite = s.Suite,
                Row = s.Key,
                Points = s.Points.Select(p => new TrendPoint
                {
                    RunId = p.Run.Id, StartedUtc = p.Run.StartedUtc, Label = p.Run.Label, Commit = p.Run.Commit,
                    P50Ms = p.Row.Unit.ToMilliseconds(p.Row.P50), P95Ms = p.Row.Unit.ToMilliseconds(p.Row.P95),
                    P99Ms = p.Row.Unit.ToMilliseconds(p.Row.P99),
                }).ToList(),
            }).ToList(),
            Runs = shown.Entries.Count,
            Tolerance = tolerance,
        };
        var files = await TrendWriter.WriteAsync(report, outDirectory!, cancellationToken).ConfigureAwait(false);
        return new HistoryReportOutcome { Report = report, Files = files };
    }

    /// <summary>
    /// Each suite's rows (suites and rows in the order first seen) with the runs that have the row, in the entries'
    /// order (oldest first): the series <see cref="Check"/> judges and <see cref="ReportAsync"/> draws. A suite measured
    /// from more than one machine is one series per machine, named "suite on machine": two machines' levels differ, and
    /// interleaved in one series their difference would read as steps.
    /// </summary>
    /// <param name="entries">The runs, oldest first.</param>
    /// <param name="allRows">
    /// False: a study's request rows (<c>probe/deployment.request/workload</c>) are left out, as <c>compare</c> leaves them
    /// out: the sessions are what a study measures, and hundreds of request series would turn one night's noise into
    /// alerts and charts by the hundred. True (a <c>--row</c> filter was given): every row that matched.
    /// </param>
    private static IEnumerable<(string Suite, string Key, IReadOnlyList<(HistoryRun Run, HistoryRow Row)> Points)> RowSeries(
        IReadOnlyList<HistoryEntry> entries, bool allRows)
    {
        var machinesPerSuite = entries.GroupBy(e => e.Run.Suite, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Run.Machine).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        foreach (var series in entries.GroupBy(e => (e.Run.Suite, e.Run.Machine)))
        {
            var (suite, machine) = series.Key;
            var name = machinesPerSuite[suite] > 1 ? $"{suite} on {machine}" : suite;
            var runs = series.ToList();
            foreach (var key in runs.SelectMany(e => e.Rows.Select(r => r.Key)).Distinct(StringComparer.Ordinal).Where(k => allRows || !IsStudyRequestRow(k)))
            {
                yield return (name, key, runs.SelectMany(e => e.Rows.Where(r => r.Key == key).Select(r => (e.Run, r))).ToList());
            }
        }
    }

    /// <summary>A study's request row: three parts (<see cref="HistoryRows"/>), the middle one <c>deployment.request</c>.</summary>
    private static bool IsStudyRequestRow(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 3 && parts[1].Contains('.', StringComparison.Ordinal);
    }

    /// <summary>The quantiles <see cref="Check"/> follows: the median, and the tail (a shift only there is found too).</summary>
    private static readonly (string Name, double Probability, Func<HistoryRow, long> Value)[] Quantiles =
        [("p50", 0.5, r => r.P50), ("p99", 0.99, r => r.P99)];

    /// <summary>The selected runs, or why the history cannot be read (missing, not a history).</summary>
    private static (IReadOnlyList<HistoryEntry> Entries, IReadOnlyList<ValidationError> Problems) Read(string historyFile, HistoryQuery query)
    {
        if (!File.Exists(historyFile))
        {
            return ([], [new ValidationError(null,
                $"--history: {historyFile}: no history file; add a run first with 'latency history add RUN_DIR'")]);
        }

        try
        {
            using var store = HistoryStore.Open(historyFile);
            return (store.Read(query), []);
        }
        catch (HistoryFileException e)
        {
            return ([], [new ValidationError(null, $"--history: {e.Message}")]);
        }
    }

    /// <summary>
    /// Where to ask git for the commit: the suite file's folder when it still exists (as given, relative to the current
    /// folder or absolute), else the run directory (runs/ usually sits in the checkout that ran it).
    /// </summary>
    private static string CheckoutFolder(string? suiteFile, string runDirectory)
    {
        if (suiteFile is not null)
        {
            try
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(suiteFile));
                if (folder is not null && Directory.Exists(folder))
                {
                    return folder;
                }
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                // A suite "file" that is no path (an embedded default study): use the run directory.
            }
        }

        return runDirectory;
    }
}

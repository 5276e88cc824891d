using Latency.History;
using Latency.Reports.Compare;
using Latency.Reports.Trend;
using Latency.RunDirectory;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>
/// <c>latency nightly</c> as a use case: runs the suite into the nightly directory (through <see cref="RunService"/>,
/// the same run as <c>latency run</c>), adds it to the history, chooses the baseline (<see cref="LastGoodBaseline"/> or
/// the one given), compares with it (<see cref="CompareService"/>) and checks the suite's history
/// (<see cref="HistoryService.Check"/>). A run that did not complete is added but not judged. Each step is told to the
/// observer as a line; the summary page is <see cref="NightlySummary"/>'s.
/// </summary>
public sealed class NightlyService(IRunObserver observer)
{
    /// <summary>Every problem with <paramref name="request"/>: the run's (suite, options), the baseline's, the folder's.</summary>
    public static IReadOnlyList<ValidationError> Validate(NightlyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<ValidationError>();
        // The nightly directory gets the run, the comparison and the summary: anything already there would mix with
        // them, and a folder of an earlier night may be a baseline in the history, so it is never emptied (no --force).
        var outProblem = RunDirectoryTarget.Problem(request.OutDirectory, force: false, offerForce: false);
        if (outProblem is not null)
        {
            problems.Add(new ValidationError(null, $"--out: {outProblem}"));
        }

        try
        {
            // Its run directory (DIR/run) is inside: checked with the nightly directory, not said twice.
            RunPlanner.Plan(outProblem is null ? request.Run : request.Run with { OutDirectory = null }, () => DateTimeOffset.UtcNow);
        }
        catch (InputValidationException ex)
        {
            problems.AddRange(ex.Errors);
        }

        if (!request.WantsLastGood)
        {
            if (!Directory.Exists(request.Baseline))
            {
                problems.Add(new ValidationError(null,
                    $"--baseline: {request.Baseline}: no such run directory (give a run directory or '{NightlyRequest.LastGood}')"));
            }
            else if (!File.Exists(Path.Combine(request.Baseline, RunManifest.FileName)))
            {
                problems.Add(new ValidationError(null, $"--baseline: {request.Baseline}: not a run directory (no {RunManifest.FileName})"));
            }
        }

        return problems;
    }

    /// <summary>Runs the nightly <paramref name="request"/> asks for; input problems come back in the outcome, nothing run.</summary>
    /// <param name="request">The suite, the baseline, the history, the tolerance, the nightly directory.</param>
    /// <param name="stop">Stops the run gracefully: what was recorded is kept (partial), added to the history, not judged.</param>
    public async Task<NightlyOutcome> RunAsync(NightlyRequest request, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validate(request) is { Count: > 0 } problems)
        {
            return NightlyOutcome.Rejected(request, problems);
        }

        observer.Line($"Nightly: running {request.SuitePath ?? "the default study"} into {request.RunDirectory}");
        var run = await new RunService(observer).RunAsync(request.Run, stop).ConfigureAwait(false);
        if (run.Problems.Count > 0 || run.RunDirectory is not { } runDirectory)
        {
            return NightlyOutcome.Rejected(request, run.Problems);
        }

        // From here on a stop has done its work (the run ended early); the steps after it still run, so the partial
        // run is in the history and the summary says it was interrupted.
        var after = CancellationToken.None;
        var manifest = await ReadManifestAsync(runDirectory, after).ConfigureAwait(false);
        var history = await HistoryService.AddAsync(runDirectory, "nightly", request.HistoryFile, after).ConfigureAwait(false);
        observer.Line(history.Problems.Count > 0
            ? $"History: the run could not be added to {request.HistoryFile}: {history.Problems[0].Message}"
            : $"History: run {history.Result!.RunId} in {request.HistoryFile}");
        var outcome = new NightlyOutcome
        {
            Request = request,
            Run = run,
            Manifest = manifest,
            Interrupted = stop.IsCancellationRequested,
            History = history,
        };
        var suite = manifest?.Study?.Name ?? manifest?.Suite.Name;
        if (history.Problems.Count == 0 && suite is not null)
        {
            observer.Line(await WriteTrendPageAsync(request.HistoryFile, suite, request.Tolerance, request.OutDirectory, after).ConfigureAwait(false));
        }

        if (run.Status != RunStatus.Complete || suite is null)
        {
            var why = stop.IsCancellationRequested ? "the run was interrupted" : $"the run did not complete ({run.StatusReason ?? "run.json unreadable"})";
            observer.Line($"Not compared or checked: {why}.");
            return outcome with { NotJudgedBecause = why };
        }

        var baseline = await ChooseBaselineAsync(request, history, after).ConfigureAwait(false);
        observer.Line($"Baseline: {baseline.Name}: {baseline.Reason}");
        CompareOutcome? compare = null;
        if (baseline.Directory is { } baselineDirectory)
        {
            compare = await CompareService.RunAsync(new CompareRequest(baselineDirectory, runDirectory, request.Tolerance, request.OutDirectory,
                    history.Problems.Count == 0 ? request.HistoryFile : null), after)
                .ConfigureAwait(false);
            observer.Line(compare.Comparison is { } comparison
                ? $"Compare: {CompareDocument.Headline(comparison)}"
                : $"Compare: not comparable: {string.Join("; ", compare.Problems.Select(p => p.Message))}");
        }

        var check = HistoryService.Check(request.HistoryFile, new HistoryQuery { Suite = suite }, request.Tolerance);
        observer.Line(check.Problems.Count > 0
            ? $"Check: the history could not be checked: {check.Problems[0].Message}"
            : $"Check: {check.Changes.Count} of {check.SeriesChecked} series of '{suite}' at a new, slower level");
        return outcome with { Baseline = baseline, Compare = compare, Check = check };
    }

    /// <summary>
    /// Writes the suite's trend page, trend.html and its charts, into the nightly directory
    /// (<see cref="HistoryService.ReportAsync"/>, as <c>latency history report</c>); a page that cannot be written is
    /// told and not linked (the summary links trend.html only when the file exists), and does not fail the night.
    /// </summary>
    /// <param name="historyFile">The history the page is drawn from.</param>
    /// <param name="suite">The suite whose rows it shows.</param>
    /// <param name="tolerance">The step the page marks, as the check judges it.</param>
    /// <param name="nightlyDirectory">Where trend.html goes, next to nightly.html.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <returns>The line to tell.</returns>
    private static async Task<string> WriteTrendPageAsync(string historyFile, string suite, double tolerance, string nightlyDirectory,
        CancellationToken cancellationToken)
    {
        try
        {
            var trend = await HistoryService.ReportAsync(historyFile, new HistoryQuery { Suite = suite }, tolerance, nightlyDirectory, cancellationToken)
                .ConfigureAwait(false);
            return trend.Problems.Count > 0
                ? $"Trend: not written: {trend.Problems[0].Message}"
                : $"Trend: {Path.Combine(nightlyDirectory, TrendWriter.HtmlFileName)}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"Trend: not written: {e.Message}";
        }
    }

    private static async Task<BaselineChoice> ChooseBaselineAsync(NightlyRequest request, HistoryAddOutcome history, CancellationToken cancellationToken)
    {
        if (!request.WantsLastGood)
        {
            return new BaselineChoice { Directory = request.Baseline, Name = request.Baseline!, Reason = "given with --baseline." };
        }

        if (history.Run is not { } added || history.Result is not { } stored)
        {
            return new BaselineChoice { Name = "none", Reason = "the run is not in the history, so no last good run could be chosen." };
        }

        var runs = HistoryService.Show(request.HistoryFile, new HistoryQuery { Suite = added.Suite });
        if (runs.Problems.Count > 0)
        {
            return new BaselineChoice { Name = "none", Reason = $"the history cannot be read ({runs.Problems[0].Message})." };
        }

        return await LastGoodBaseline.ChooseAsync(runs.Entries.Select(e => e.Run).ToList(), added with { Id = stored.RunId }, cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<RunManifest?> ReadManifestAsync(string runDirectory, CancellationToken cancellationToken)
    {
        try
        {
            return await RunManifestFile.ReadAsync(runDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (RunDirectoryFormatException)
        {
            return null;
        }
    }
}

using System.Globalization;
using System.Text.Json;
using Latency.Reports.Compare;
using Latency.Reports.Trend;
using Latency.Reports.Study;
using Latency.RunDirectory;

namespace Latency.Bench.Application;

/// <summary>
/// The nightly's summary, nightly.html (self-contained, every text escaped by <see cref="HtmlRenderer"/>) and
/// nightly.json, in the nightly directory. Its first line is the answer (<see cref="Headline"/>); then links (relative,
/// to the files that exist) to the run's report, the comparison and the trend page, the exit code and each step.
/// </summary>
public static class NightlySummary
{
    public const string HtmlFileName = "nightly.html";

    public const string JsonFileName = "nightly.json";

    /// <summary>The trend page's name, linked when a file of that name is next to the summary.</summary>
    public const string TrendFileName = TrendWriter.HtmlFileName;

    /// <summary>The study report's page, linked when the run wrote one; else run.json is.</summary>
    private const string RunReportFileName = "report.html";

    /// <summary>
    /// The nightly in one or a few sentences, the answer first: "No regression against run 12 (...)", "Regression: 2 of
    /// 6 rows slower than run 12 (...) beyond the 5% tolerance", "No baseline, nothing compared: ...", "Interrupted: ...", then failed
    /// thresholds, a new slower level in the history, and a run the history did not take.
    /// </summary>
    public static string Headline(NightlyOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var sentences = new List<string> { Answer(outcome) };
        if (outcome.Run is { Status: RunStatus.Complete, FailedThresholds.Count: > 0 and var failed })
        {
            sentences.Add($"{Count(failed)} threshold(s) failed.");
        }

        if (outcome.Check is { Changes.Count: > 0 and var changes })
        {
            sentences.Add($"History: {Count(changes)} series at a new, slower level.");
        }

        if (outcome.History is { Problems.Count: > 0 })
        {
            sentences.Add("The run could not be added to the history.");
        }

        return string.Join(" ", sentences);
    }

    /// <summary>The summary page's blocks, the headline first.</summary>
    /// <param name="outcome">The nightly.</param>
    /// <param name="exit">Its exit code and each step's.</param>
    /// <param name="links">What to link, relative to the summary page (<see cref="Links"/>).</param>
    public static IReadOnlyList<ReportBlock> Blocks(NightlyOutcome outcome, NightlyExit exit, IReadOnlyList<ReportLink> links)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(exit);
        ArgumentNullException.ThrowIfNull(links);
        var blocks = new List<ReportBlock>
        {
            new ReportHeadline(Headline(outcome)),
            new ReportParagraph($"Exit code {exit.Code.ToString(CultureInfo.InvariantCulture)}: {exit.Meaning}"),
        };
        if (links.Count > 0)
        {
            blocks.Add(new ReportLinks(links));
        }

        blocks.Add(new ReportHeading(2, "Run"));
        blocks.Add(new ReportList(RunFacts(outcome)));
        blocks.Add(new ReportHeading(2, "Baseline"));
        blocks.Add(new ReportParagraph(outcome.Baseline is { } baseline
            ? $"{baseline.Name}: {baseline.Reason}"
            : $"None chosen: {outcome.NotJudgedBecause}."));
        blocks.Add(new ReportHeading(2, "Comparison"));
        blocks.Add(new ReportParagraph(CompareText(outcome)));
        blocks.Add(new ReportHeading(2, "History check"));
        blocks.Add(new ReportParagraph(CheckText(outcome)));
        blocks.Add(new ReportHeading(2, "Exit code"));
        blocks.Add(new ReportList(exit.Steps.Select(s => $"{s.Step}: {s.Code.ToString(CultureInfo.InvariantCulture)}")
            .Append($"nightly (the worst of them): {exit.Code.ToString(CultureInfo.InvariantCulture)}").ToList()));
        return blocks;
    }

    /// <summary>
    /// The links of the summary in <paramref name="nightlyDirectory"/>, relative to it, to the files that exist: the run's
    /// report (report.html of a study, else run.json), compare.html and trend.html.
    /// </summary>
    public static IReadOnlyList<ReportLink> Links(string nightlyDirectory)
    {
        ArgumentNullException.ThrowIfNull(nightlyDirectory);
        var candidates = new (string Text, string[] Path)[]
        {
            ("Run report", [NightlyRequest.RunFolder, RunReportFileName]),
            ("Run (run.json; this suite writes no report page)", [NightlyRequest.RunFolder, RunManifest.FileName]),
            ("Comparison with the baseline", [CompareWriter.HtmlFileName]),
            ("Trend of the suite in the history", [TrendFileName]),
        };
        var links = candidates.Where(c => File.Exists(Path.Combine([nightlyDirectory, .. c.Path])))
            .Select(c => new ReportLink($"{c.Text}: {string.Join('/', c.Path)}", string.Join('/', c.Path)))
            .ToList();
        // run.json only stands in for a report page the run did not write.
        return links.Count(l => l.Href.StartsWith(NightlyRequest.RunFolder + "/", StringComparison.Ordinal)) > 1
            ? links.Where(l => !l.Href.EndsWith(RunManifest.FileName, StringComparison.Ordinal)).ToList()
            : links;
    }

    /// <summary>Writes nightly.html and nightly.json into the nightly directory and returns their paths.</summary>
    /// <param name="outcome">The nightly.</param>
    /// <param name="exit">Its exit code and each step's.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    public static async Task<IReadOnlyList<string>> WriteAsync(NightlyOutcome outcome, NightlyExit exit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(exit);
        var directory = outcome.Request.OutDirectory;
        Directory.CreateDirectory(directory);
        var links = Links(directory);
        var title = $"Latency nightly: {Suite(outcome)}";
        var html = Path.Combine(directory, HtmlFileName);
        var json = Path.Combine(directory, JsonFileName);
        await AtomicFile.WriteAllTextAsync(html, HtmlRenderer.Render(title, Blocks(outcome, exit, links)), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(json, Json(outcome, exit, links), cancellationToken).ConfigureAwait(false);
        return [html, json];
    }

    /// <summary>nightly.json: the summary's facts for scripts, snake_case as every JSON file we write.</summary>
    public static string Json(NightlyOutcome outcome, NightlyExit exit, IReadOnlyList<ReportLink> links)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(exit);
        ArgumentNullException.ThrowIfNull(links);
        var comparison = outcome.Compare?.Comparison;
        var counts = RowCounts(comparison);
        var document = new Dictionary<string, object?>
        {
            ["schema_version"] = 1,
            ["headline"] = Headline(outcome),
            ["suite"] = Suite(outcome),
            ["started_utc"] = outcome.Manifest?.StartedUtc,
            ["commit"] = outcome.History?.Run?.Commit,
            ["machine"] = outcome.Manifest?.Environment.MachineName,
            ["run"] = new Dictionary<string, object?>
            {
                ["directory"] = outcome.Run?.RunDirectory,
                ["status"] = outcome.Run?.Status?.ToString().ToLowerInvariant(),
                ["status_reason"] = outcome.Run?.StatusReason,
                ["interrupted"] = outcome.Interrupted,
                ["failed_thresholds"] = outcome.Run?.FailedThresholds.Select(f => $"{f.Scenario}: {f.Description}").ToList(),
            },
            ["history"] = new Dictionary<string, object?>
            {
                ["file"] = outcome.Request.HistoryFile,
                ["run_id"] = outcome.History?.Result?.RunId,
                ["problems"] = outcome.History?.Problems.Select(p => p.Message).ToList(),
            },
            ["not_judged_because"] = outcome.NotJudgedBecause,
            ["baseline"] = outcome.Baseline is { } b
                ? new Dictionary<string, object?> { ["name"] = b.Name, ["directory"] = b.Directory, ["history_run_id"] = b.HistoryRunId, ["reason"] = b.Reason }
                : null,
            ["comparison"] = outcome.Compare is null ? null : new Dictionary<string, object?>
            {
                ["headline"] = comparison is null ? null : CompareDocument.Headline(comparison),
                ["regression"] = counts.Regression,
                ["improvement"] = counts.Improvement,
                ["too_few_samples"] = counts.TooFewSamples,
                ["no_change"] = counts.NoChange,
                ["problems"] = outcome.Compare.Problems.Select(p => p.Message).ToList(),
            },
            ["check"] = outcome.Check is not { } check ? null : new Dictionary<string, object?>
            {
                ["series_checked"] = check.SeriesChecked,
                ["runs"] = check.Runs,
                ["slower"] = check.Changes.Select(c => $"{c.Suite}: {c.Row}: {c.Quantile}").ToList(),
                ["problems"] = check.Problems.Select(p => p.Message).ToList(),
            },
            ["links"] = links.ToDictionary(l => l.Text, l => l.Href),
            ["exit"] = new Dictionary<string, object?>
            {
                ["code"] = exit.Code,
                ["meaning"] = exit.Meaning,
                ["steps"] = exit.Steps.ToDictionary(s => s.Step, s => s.Code),
            },
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// Rows of the comparison by verdict, each row once: with any regression; else with any improvement; else with too
    /// few samples at some quantile (not judged there); else no change.
    /// </summary>
    public static NightlyRowCounts RowCounts(RunComparison? comparison)
    {
        if (comparison is null)
        {
            return new NightlyRowCounts(0, 0, 0, 0);
        }

        var regression = comparison.Rows.Count(r => r.HasRegression);
        var improvement = comparison.Rows.Count(r => !r.HasRegression && Has(r, CompareVerdict.Improvement));
        var tooFew = comparison.Rows.Count(r => !r.HasRegression && !Has(r, CompareVerdict.Improvement) && Has(r, CompareVerdict.TooFewSamples));
        return new NightlyRowCounts(regression, improvement, tooFew, comparison.Rows.Count - regression - improvement - tooFew);
    }

    private static string Answer(NightlyOutcome outcome)
    {
        if (outcome.Interrupted)
        {
            return $"Interrupted: the run was stopped before its end ({outcome.Run?.StatusReason ?? "stopped"}); its partial results are kept, " +
                   "nothing was compared.";
        }

        if (outcome.NotJudgedBecause is { } why)
        {
            return $"Run failed: {why}; nothing was compared.";
        }

        var baseline = outcome.Baseline?.Name ?? "none";
        if (outcome.Compare is null)
        {
            return $"No baseline, nothing compared: {outcome.Baseline?.Reason}";
        }

        if (outcome.Compare.Comparison is not { } comparison)
        {
            return $"Not compared with {baseline}: the runs are not comparable ({Count(outcome.Compare.Problems.Count)} difference(s)).";
        }

        var counts = RowCounts(comparison);
        var tolerance = (comparison.Tolerance * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
        var rest = (counts.Improvement > 0 ? $"; {Count(counts.Improvement)} faster" : "") +
                   (counts.TooFewSamples > 0 ? $"; {Count(counts.TooFewSamples)} with too few samples to judge every quantile" : "");
        return counts.Regression > 0
            ? $"Regression: {Count(counts.Regression)} of {Count(comparison.Rows.Count)} rows slower than {baseline} beyond the {tolerance} tolerance{rest}."
            : $"No regression against {baseline} in {Count(comparison.Rows.Count)} rows at the {tolerance} tolerance{rest}.";
    }

    private static List<string> RunFacts(NightlyOutcome outcome)
    {
        var manifest = outcome.Manifest;
        var status = outcome.Run?.Status?.ToString().ToLowerInvariant() ?? "not run";
        var facts = new List<string>
        {
            $"Suite: {Suite(outcome)}",
            $"Started: {(manifest is null ? "-" : manifest.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC")}",
            $"Commit: {outcome.History?.Run?.Commit ?? "-"}",
            $"Machine: {manifest?.Environment.MachineName ?? "-"}",
            $"Status: {(outcome.Interrupted ? "interrupted, " : "")}{status}{(outcome.Run?.StatusReason is { } reason ? $" ({reason})" : "")}",
            $"History: {(outcome.History?.Result is { } added ? $"run {Count(added.RunId)} in {outcome.Request.HistoryFile}" : $"not added to {outcome.Request.HistoryFile}")}",
        };
        facts.AddRange(outcome.Run?.FailedThresholds.Select(f => $"Threshold failed: {f.Scenario}: {f.Description}") ?? []);
        facts.AddRange(outcome.History?.Problems.Select(p => $"History problem: {p.Message}") ?? []);
        return facts;
    }

    private static string CompareText(NightlyOutcome outcome)
    {
        if (outcome.Compare is not { } compare)
        {
            return outcome.NotJudgedBecause is { } why ? $"Not compared: {why}." : "Not compared: there is no baseline yet.";
        }

        if (compare.Comparison is not { } comparison)
        {
            return $"Not comparable: {string.Join("; ", compare.Problems.Select(p => p.Message))}";
        }

        var counts = RowCounts(comparison);
        return $"{CompareDocument.Headline(comparison)} Rows: {Count(counts.Regression)} regression, {Count(counts.Improvement)} improvement, " +
               $"{Count(counts.TooFewSamples)} too few samples, {Count(counts.NoChange)} no change.";
    }

    private static string CheckText(NightlyOutcome outcome)
    {
        if (outcome.Check is not { } check)
        {
            return $"Not checked: {outcome.NotJudgedBecause}.";
        }

        if (check.Problems.Count > 0)
        {
            return $"Could not be checked: {string.Join("; ", check.Problems.Select(p => p.Message))}";
        }

        var changes = check.Changes.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"{c.Row} {c.Quantile} slower from run {c.Run.Id}: {c.BeforeMs:0.0} -> {c.AfterMs:0.0} ms"));
        return check.Changes.Count == 0
            ? $"No new, slower level in {Count(check.SeriesChecked)} series of {Count(check.Runs)} runs."
            : $"{Count(check.Changes.Count)} of {Count(check.SeriesChecked)} series at a new, slower level: {string.Join("; ", changes)}.";
    }

    private static string Suite(NightlyOutcome outcome) =>
        outcome.Manifest?.Study?.Name ?? outcome.Manifest?.Suite.Name ?? outcome.Request.SuitePath ?? "the default study";

    private static bool Has(RowComparison row, string verdict) => row.Quantiles.Any(q => q.Verdict == verdict);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}

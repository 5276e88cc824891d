using Latency.Reports.Charts;
using Latency.RunDirectory;

namespace Latency.Reports.Study;

/// <summary>
/// Writes the first study report of a run directory: report.md, a self-contained report.html, charts/*.png|svg
/// (a latency CDF per probe and the gain per country), and for machines summary.json, summary.csv and
/// hgrm/*.hgrm (see <see cref="SummaryFiles"/>).
/// </summary>
public static class StudyReportWriter
{
    public const string MarkdownFileName = "report.md";

    public const string HtmlFileName = "report.html";

    /// <summary>
    /// Reads <paramref name="runDirectory"/> and writes the report into <paramref name="outDirectory"/> (created if
    /// missing). Never throws for a missing or corrupt file of the run: it reports what it can and lists the problems
    /// in the report. Failing to write the output (disk full, no permission) does throw.
    /// </summary>
    /// <returns>The files written, report.md and report.html first.</returns>
    public static async Task<IReadOnlyList<string>> WriteAsync(string runDirectory, string outDirectory, CancellationToken cancellationToken = default) =>
        (await WriteReportAsync(runDirectory, outDirectory, cancellationToken).ConfigureAwait(false)).Files;

    /// <summary>As <see cref="WriteAsync"/>, also returning the problems found in the run directory (for the command line).</summary>
    public static Task<StudyReportResult> WriteReportAsync(string runDirectory, string outDirectory, CancellationToken cancellationToken = default) =>
        WriteReportAsync(runDirectory, outDirectory, progress: null, cancellationToken);

    /// <summary>
    /// As <see cref="WriteReportAsync(string, string, CancellationToken)"/>, telling <paramref name="progress"/> each
    /// stage as it starts ("reading 42 interval logs (90 MB)", "statistics", "charts", "writing"): a large run's report
    /// takes seconds.
    /// </summary>
    public static async Task<StudyReportResult> WriteReportAsync(string runDirectory, string outDirectory, IProgress<string>? progress,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(outDirectory);
        progress?.Report(ReadingStage(runDirectory));
        // The report draws intervals only for session times over the run: keep just those series.
        var run = await RunDirectoryReader.ReadAsync(runDirectory, KeepIntervals, cancellationToken).ConfigureAwait(false);
        var problems = new List<RunDirectoryProblem>(run.Problems);
        var calibration = Directory.Exists(runDirectory)
            ? await CalibrationFile.ReadAsync(runDirectory, problems, cancellationToken).ConfigureAwait(false)
            : null;
        if (calibration is not null && StudyReport.BackendOf(run.Manifest, calibration: null) == NetworkBackend.Direct)
        {
            // A calibration measures an emulated world's paths; a run without one (world: none, real endpoints) had
            // none to calibrate, so the file is another run's and its figures would pass for this one's.
            problems.Add(new RunDirectoryProblem(Path.Combine(runDirectory, CalibrationTable.FileName), null, ProblemSeverity.Warning,
                "ignored: this run reached its targets directly (world: none), so a calibration of an emulated world is not of this run"));
            calibration = null;
        }
        var summary = StudySummary.From(run);
        progress?.Report($"statistics of {summary.Rows.Count} comparison(s)");
        var statistics = RowStatistics.From(summary, run);
        progress?.Report("drawing charts");
        var charts = Charts(run, summary, statistics, problems);
        var map = Map(run, summary, statistics, problems);
        var report = StudyReport.Build(run, summary, statistics, charts, calibration, problems, map);
        progress?.Report($"writing {outDirectory}");

        Directory.CreateDirectory(outDirectory);
        var chartsDirectory = Path.Combine(outDirectory, MarkdownRenderer.ChartsFolder);
        Directory.CreateDirectory(chartsDirectory);
        var written = new List<string>();
        var markdown = Path.Combine(outDirectory, MarkdownFileName);
        await AtomicFile.WriteAllTextAsync(markdown, MarkdownRenderer.Render(report.Blocks), cancellationToken).ConfigureAwait(false);
        written.Add(markdown);
        var html = Path.Combine(outDirectory, HtmlFileName);
        await AtomicFile.WriteAllTextAsync(html, HtmlRenderer.Render(report.Title, report.Blocks), cancellationToken).ConfigureAwait(false);
        written.Add(html);
        await WriteSummaryFilesAsync(run, summary, statistics, calibration, problems, outDirectory, written, cancellationToken).ConfigureAwait(false);
        if (map is not null)
        {
            var svg = Path.Combine(chartsDirectory, ReportMap.FileName);
            await AtomicFile.WriteAllTextAsync(svg, map.Svg, cancellationToken).ConfigureAwait(false);
            written.Add(svg);
        }

        foreach (var chart in charts)
        {
            written.AddRange(await chart.WriteFilesAsync(chartsDirectory, cancellationToken).ConfigureAwait(false));
        }

        // Last, once everything new is in place: a report stopped half-way leaves the old files, not a folder of neither.
        await ReportFiles.ReplaceAsync(outDirectory, written, cancellationToken).ConfigureAwait(false);
        written.Add(Path.Combine(outDirectory, ReportFiles.FileName));
        return new StudyReportResult(written, problems) { Finding = StudyFinding.Sentence(statistics), Headline = StudyHeadline.Of(statistics, summary.MainWorkload) };
    }

    private static async Task WriteSummaryFilesAsync(RunData run, StudySummary summary, IReadOnlyList<RowStatistics> statistics,
        CalibrationTable? calibration, IReadOnlyList<RunDirectoryProblem> problems, string outDirectory, List<string> written,
        CancellationToken cancellationToken)
    {
        var backend = StudyReport.BackendOf(run.Manifest, calibration);
        var json = Path.Combine(outDirectory, SummaryFiles.JsonFileName);
        await AtomicFile.WriteAllTextAsync(json, SummaryFiles.Json(run, summary, statistics, backend, problems), cancellationToken).ConfigureAwait(false);
        written.Add(json);
        var csv = Path.Combine(outDirectory, SummaryFiles.CsvFileName);
        await AtomicFile.WriteAllTextAsync(csv, SummaryFiles.Csv(run, summary, statistics), cancellationToken).ConfigureAwait(false);
        written.Add(csv);
        var histograms = SummaryFiles.SessionHistograms(run);
        if (histograms.Count == 0)
        {
            return;
        }

        var hgrmDirectory = Path.Combine(outDirectory, SummaryFiles.HgrmFolder);
        Directory.CreateDirectory(hgrmDirectory);
        foreach (var (fileName, tag, histogram) in histograms)
        {
            var hgrm = Path.Combine(hgrmDirectory, fileName);
            await AtomicFile.WriteAllTextAsync(hgrm, SummaryFiles.Hgrm(tag, histogram), cancellationToken).ConfigureAwait(false);
            written.Add(hgrm);
        }
    }

    /// <summary>
    /// The map of the main workload, or null when the run gives no coordinates (real endpoints, older runs) or the map
    /// fails to draw (a problem in the report, not a lost report).
    /// </summary>
    private static ReportMap? Map(RunData run, StudySummary summary, IReadOnlyList<RowStatistics> statistics, List<RunDirectoryProblem> problems)
    {
        try
        {
            return StudyMap.From(run.Manifest?.Study, statistics, summary.MainWorkload) is { } model
                ? new ReportMap(StudyMap.RenderSvg(model), StudyMap.Caption(model))
                : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add(new RunDirectoryProblem(run.Directory, null, ProblemSeverity.Error, $"map not drawn: {e.GetType().Name}: {e.Message}"));
            return null;
        }
    }

    private static string ReadingStage(string runDirectory)
    {
        var logs = Directory.Exists(runDirectory) ? new DirectoryInfo(runDirectory).GetFiles("*.hlog") : [];
        var megabytes = logs.Sum(f => f.Length) / (1024.0 * 1024.0);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"reading {logs.Length} interval log(s) ({megabytes:0.#} MB)");
    }

    /// <summary>Session-time series (step = a deployment, kind uncorrected): what the over-time chart needs.</summary>
    public static bool KeepIntervals(HistogramTag tag) =>
        !tag.IsIteration && tag.Kind == HistogramTag.Uncorrected && !tag.Step.Contains('.', StringComparison.Ordinal);

    /// <summary>
    /// The gain chart, then per probe a CDF, and for the main workload the heatmaps, phase and over-time charts. A
    /// chart that fails to draw becomes a problem in the report instead of losing the whole report.
    /// </summary>
    private static List<RenderedChart> Charts(RunData run, StudySummary summary, IReadOnlyList<RowStatistics> statistics, List<RunDirectoryProblem> problems)
    {
        var charts = new List<RenderedChart>();
        if (summary.Rows.Count == 0)
        {
            return charts;
        }

        void Try(string what, Func<RenderedChart> render)
        {
            try
            {
                charts.Add(render());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problems.Add(new RunDirectoryProblem(run.Directory, null, ProblemSeverity.Error, $"{what} not drawn: {e.GetType().Name}: {e.Message}"));
            }
        }

        if (summary.Rows.Any(r => r.GainP50 is not null))
        {
            Try("gain chart", () => GainChart.Render(statistics));
        }

        foreach (var probe in summary.Probes)
        {
            // The main workload where this probe ran it, else the probe's first: every country gets its CDF.
            var row = summary.Rows.FirstOrDefault(r => r.Probe == probe && r.Workload == summary.MainWorkload)
                      ?? summary.Rows.First(r => r.Probe == probe);
            Try($"CDF chart of {row.Scenario}", () => LatencyCdfChart.Render(row, run.Totals));
        }

        if (summary.MainWorkload is { } main)
        {
            var cells = HeatmapChart.From(run, main);
            Try("p50 heatmap", () => HeatmapChart.Render(cells, main, HeatmapChart.Quantile.P50));
            Try("p95 heatmap", () => HeatmapChart.Render(cells, main, HeatmapChart.Quantile.P95));
        }

        foreach (var probe in summary.Probes)
        {
            var row = summary.Rows.FirstOrDefault(r => r.Probe == probe && r.Workload == summary.MainWorkload);
            if (row is null)
            {
                continue;
            }

            Try($"phase chart of {row.Scenario}", () => PhaseBreakdownChart.Render(PhaseBreakdownChart.From(run, probe, row.Workload), row.Place, probe, row.Workload));
            Try($"over-time chart of {row.Scenario}", () => LatencyOverTimeChart.Render(LatencyOverTimeChart.From(run, probe, row.Workload), row.Place, probe, row.Workload));
        }

        return charts;
    }
}

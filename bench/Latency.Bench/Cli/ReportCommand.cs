using System.CommandLine;
using Latency.Reports.Study;
using Latency.RunDirectory;

namespace Latency.Bench.Cli;

/// <summary>
/// <c>latency report RUN_DIR [--out DIR]</c>: regenerates the study report of a run directory with the same code
/// <c>latency run</c> uses (<see cref="StudyReportWriter"/>): report.md, report.html, charts, summary.json|csv and
/// hgrm/*.hgrm. A missing or corrupt file of the run does not stop it: the report says which file and what is
/// wrong, and the problems are printed too. Exit 0 when a report of everything was written (warnings, such as a last
/// interval-log line cut short by a crash, do not count), 2 when something of the run could not be read (the report of
/// what could is written all the same: a nightly job must notice), when RUN_DIR does not exist or holds nothing to
/// report; 3 when the report cannot be written.
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "Run directory, as written by 'latency run --out'." };
        var outDirectory = new Option<string?>("--out", "-o")
        {
            Description = "Where to write the report (default: the run directory): a new or empty folder, or one an earlier report " +
                          "was written to (its files are replaced, and charts the new report does not draw are removed).",
        };
        var command = new Command("report",
            "Regenerate the report of a run directory: report.md, report.html (self-contained), charts/*.png|svg, " +
            "summary.json, summary.csv and hgrm/*.hgrm (HdrHistogram percentile distributions in ms). Missing or corrupt " +
            "files are named in the report, which shows what could be read.")
        {
            runDirectory, outDirectory,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse.GetValue(runDirectory)!, parse.GetValue(outDirectory),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    internal static async Task<int> ExecuteAsync(string runDirectory, string? outDirectory, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        if (!Directory.Exists(runDirectory))
        {
            // A file given for the directory (run.json itself, say) is named as such: "not found" would send the user looking.
            await error.WriteLineAsync(File.Exists(runDirectory)
                ? $"{runDirectory}: is a file, not a run directory (give the directory that holds run.json)"
                : $"{runDirectory}: run directory not found").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (await NothingToReportAsync(runDirectory, cancellationToken).ConfigureAwait(false) is { } nothing)
        {
            await error.WriteLineAsync($"latency: {runDirectory}: nothing to report: {nothing}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var target = outDirectory ?? runDirectory;
        if (ReportFiles.TargetProblem(runDirectory, target) is { } targetProblem)
        {
            await error.WriteLineAsync($"latency report: --out: {targetProblem}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        StudyReportResult result;
        try
        {
            using var status = TerminalStatusLine.ForStandardError(error, "latency report");
            result = await StudyReportWriter.WriteReportAsync(runDirectory, target, status, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{target}: cannot write the report: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }

        foreach (var problem in result.Problems)
        {
            await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
        }

        var errors = result.Problems.Count(p => p.Severity == ProblemSeverity.Error);
        if (errors > 0)
        {
            await error.WriteLineAsync($"latency: {errors} problem(s) in the run directory; the report lists them and shows what could be read.")
                .ConfigureAwait(false);
        }

        if (result.Finding is { } finding)
        {
            await output.WriteLineAsync(finding).ConfigureAwait(false);
        }

        if (result.Headline is { } headline)
        {
            await output.WriteLineAsync(headline).ConfigureAwait(false);
        }

        var html = result.Files.FirstOrDefault(f => f.EndsWith(StudyReportWriter.HtmlFileName, StringComparison.Ordinal));
        await output.WriteLineAsync($"Report: {html ?? target} ({result.Files.Count} files in {target})").ConfigureAwait(false);
        return errors > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    /// <summary>
    /// Why <paramref name="runDirectory"/> has nothing a report could show (no readable run.json and no interval log),
    /// or null when it has something: a report of nothing would only hide that the path was wrong.
    /// </summary>
    private static async Task<string?> NothingToReportAsync(string runDirectory, CancellationToken cancellationToken)
    {
        if (Directory.EnumerateFiles(runDirectory, "*.hlog").Any())
        {
            return null;
        }

        try
        {
            await RunManifestFile.ReadAsync(runDirectory, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RunDirectoryFormatException e)
        {
            return $"no interval logs (*.hlog), and {e.FilePath}: {e.Problem}";
        }
    }
}

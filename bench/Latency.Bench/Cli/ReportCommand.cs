using System.CommandLine;
using Latency.Reports.Study;

namespace Latency.Bench.Cli;

/// <summary>
/// <c>latency report RUN_DIR [--out DIR]</c>: regenerates the study report of a run directory with the same code
/// <c>latency run</c> uses (<see cref="StudyReportWriter"/>): report.md, report.html, charts, summary.json|csv and
/// hgrm/*.hgrm. A missing or corrupt file of the run does not stop it: the report says which file and what is
/// wrong, and the problems are printed too. Exit 0 when a report was written, 2 when RUN_DIR does not exist,
/// 3 when the report cannot be written.
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "Run directory, as written by 'latency run --out'." };
        var outDirectory = new Option<string?>("--out", "-o") { Description = "Where to write the report (default: the run directory)." };
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

        var target = outDirectory ?? runDirectory;
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

        if (result.Problems.Count > 0)
        {
            await error.WriteLineAsync($"latency: {result.Problems.Count} problem(s) in the run directory; the report lists them and shows what could be read.")
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
        return ExitCodes.Ok;
    }
}

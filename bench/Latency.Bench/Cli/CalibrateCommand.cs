using System.CommandLine;
using Latency.Bench.Application;

namespace Latency.Bench.Cli;

/// <summary><c>latency calibrate</c>: every path of the running world, configured against measured.</summary>
public static class CalibrateCommand
{
    public static Command Create()
    {
        var outDirectory = new Option<string?>("--out", "-o") { Description = "Directory for calibration.json (default runs/calibration-<UTC time>)." };
        var paths = new Option<string[]>("--path") { Description = "Only this path, as PROBE/DEPLOYMENT (repeatable).", AllowMultipleArgumentsPerToken = false };
        var quick = new Option<bool>("--quick") { Description = "Fewer samples, no throughput: a quick look." };
        var command = new Command("calibrate",
            "Measure every path of the running world (TCP connect RTT, request RTT, throughput each way, UDP loss each way) and print it " +
            "next to the configured model; writes calibration.json, which reports embed.") { outDirectory, paths, quick };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var request = new CalibrationRequest((parse.GetValue(paths) ?? []).ToHashSet(StringComparer.Ordinal), parse.GetValue(quick),
                parse.GetValue(outDirectory));
            using var signals = new StopSignals();
            var outcome = await CalibrationService.RunAsync(request, line => output.WriteLine(line), signals.Token).ConfigureAwait(false);
            if (outcome.Problems.Count > 0)
            {
                return await ValidationErrorReporter.ReportAsync(error, outcome.Problems, "nothing was measured").ConfigureAwait(false);
            }

            CalibrationPrinter.Print(output, outcome.Table!);
            await output.WriteLineAsync($"Written: {outcome.File}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}

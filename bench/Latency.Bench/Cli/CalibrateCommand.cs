using System.CommandLine;
using System.Globalization;
using Latency.Bench.Application;
using Latency.Bench.Calibration;
using Latency.RunDirectory;
using Latency.Scenarios.Validation;
using Latency.World.Runtime;

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
            var controller = LocalWorld.Controller();
            if (controller.Running() is not { } state)
            {
                await error.WriteLineAsync("latency: no world is up; start one with 'latency world up'").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var wanted = (parse.GetValue(paths) ?? []).ToHashSet(StringComparer.Ordinal);
            var unknown = wanted.Where(w => !state.Paths.Any(p => $"{p.Probe}/{p.Deployment}" == w)).ToList();
            if (unknown.Count > 0)
            {
                return await ValidationErrorReporter.ReportAsync(error,
                    unknown.Select(path => new ValidationError(null, $"--path {path}: the world has no such path (see 'latency world status')")).ToList(),
                    "nothing was measured").ConfigureAwait(false);
            }

            var isQuick = parse.GetValue(quick);
            var options = new CalibrationOptions
            {
                Paths = wanted,
                ConnectSamples = isQuick ? 5 : 20,
                RequestSamples = isQuick ? 3 : 10,
                LossDatagrams = isQuick ? 500 : 2000,
                ThroughputSeconds = isQuick ? 0 : 2,
                OverheadSamples = isQuick ? 20 : 40,
                EmulatorStats = () => controller.Directory.Read<EmulatorStats>(NetworkPart.StatsFile(controller.Directory)),
            };
            using var signals = new StopSignals();
            var report = await new Calibrator(state, options).RunAsync(line => output.WriteLine(line), signals.Token).ConfigureAwait(false);
            var directory = parse.GetValue(outDirectory)
                            ?? Path.Combine("runs", "calibration-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(directory);
            var file = await CalibrationFile.WriteAsync(directory, report, ct).ConfigureAwait(false);
            CalibrationPrinter.Print(output, report);
            await output.WriteLineAsync($"Written: {file}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.Globalization;
using Latency.Bench.Calibration;
using Latency.RunDirectory;
using Latency.Scenarios.Validation;
using Latency.World.Network;
using Latency.World.Runtime;

namespace Latency.Bench.Application;

/// <summary>
/// Measures the running world's paths against their configured model (<c>latency calibrate</c>, and the quick one
/// every study starts with), the emulator's own statistics included.
/// </summary>
public static class CalibrationService
{
    /// <summary>Calibrates the world that is up as <paramref name="request"/> asks and writes calibration.json.</summary>
    /// <param name="request">Which paths, how thoroughly, where to write.</param>
    /// <param name="progress">Receives what is being measured, a line at a time.</param>
    /// <param name="cancellationToken">Stops measuring.</param>
    public static async Task<CalibrationOutcome> RunAsync(CalibrationRequest request, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var controller = LocalWorld.Controller();
        if (controller.Running() is not { } state)
        {
            return new CalibrationOutcome { Problems = [new ValidationError(null, "no world is up; start one with 'latency world up'")] };
        }

        var unknown = request.Paths.Where(w => !state.Paths.Any(p => $"{p.Probe}/{p.Deployment}" == w))
            .Select(path => new ValidationError(null, $"--path {path}: the world has no such path (see 'latency world status')")).ToList();
        if (unknown.Count > 0)
        {
            return new CalibrationOutcome { Problems = unknown };
        }

        var table = await MeasureAsync(controller.Directory, state, new CalibrationOptions
        {
            Paths = request.Paths,
            ConnectSamples = request.Quick ? 5 : 20,
            RequestSamples = request.Quick ? 3 : 10,
            LossDatagrams = request.Quick ? 500 : 2000,
            ThroughputSeconds = request.Quick ? 0 : 2,
            OverheadSamples = request.Quick ? 20 : 40,
            RadioTailCheck = !request.Quick,
        }, progress, cancellationToken).ConfigureAwait(false);
        var directory = request.OutDirectory
                        ?? Path.Combine("runs", "calibration-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        var file = await CalibrationFile.WriteAsync(directory, table, cancellationToken).ConfigureAwait(false);
        return new CalibrationOutcome { Table = table, File = file };
    }

    /// <summary>Measures <paramref name="world"/> with <paramref name="options"/>, reading the emulator's statistics from its state directory.</summary>
    /// <param name="directory">The world's state directory.</param>
    /// <param name="world">The world that is up.</param>
    /// <param name="options">What to measure, and how much.</param>
    /// <param name="progress">Receives what is being measured, a line at a time.</param>
    /// <param name="cancellationToken">Stops measuring.</param>
    public static Task<CalibrationTable> MeasureAsync(WorldDirectory directory, WorldState world, CalibrationOptions options,
        Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return new Calibrator(world, options with { EmulatorStats = () => directory.Read<EmulatorStats>(NetworkPart.StatsFile(directory)) })
            .RunAsync(progress, cancellationToken);
    }
}

using Latency.RunDirectory;
using Latency.World.Emulation;
using Latency.World.Runtime;

namespace Latency.Bench.Calibration;

/// <summary>
/// The world's own figures as calibration.json records them: the run directory's format must not depend on the
/// world's types, so the world's stats are copied field by field into it.
/// </summary>
public static class CalibrationRecords
{
    /// <summary>The emulator's figures, or null when the world reported none (the relay backend).</summary>
    public static CalibrationEmulator? Emulator(EmulatorStats? stats) => stats is null
        ? null
        : new CalibrationEmulator
        {
            UpdatedUtc = stats.UpdatedUtc,
            RealTimeScheduling = stats.RealTimeScheduling,
            Forwarded = stats.Forwarded,
            Lost = stats.Lost,
            NoRoute = stats.NoRoute,
            NoBuffer = stats.NoBuffer,
            LatenessP50Us = stats.LatenessP50Us,
            LatenessP99Us = stats.LatenessP99Us,
            LatenessP999Us = stats.LatenessP999Us,
            LatenessMaxUs = stats.LatenessMaxUs,
            Compensation = Overhead(stats.Compensation),
        };

    /// <summary>A forwarding overhead measurement, or null.</summary>
    public static CalibrationOverhead? Overhead(ForwardingOverhead? overhead) => overhead is null
        ? null
        : new CalibrationOverhead
        {
            Probe = overhead.Probe,
            Deployment = overhead.Deployment,
            Up = Direction(overhead.Up),
            Down = Direction(overhead.Down),
            RoundTripMs = overhead.RoundTripMs,
        };

    private static CalibrationOverheadDirection Direction(DirectionOverhead direction) =>
        new() { MedianMs = direction.MedianMs, P90Ms = direction.P90Ms, Samples = direction.Samples };
}

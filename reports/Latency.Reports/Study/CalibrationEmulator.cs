namespace Latency.Reports.Study;

/// <summary>
/// The emulator's own figures in calibration.json (<c>emulator</c>): how late it released packets, and the forwarding
/// overhead it measured when the world came up and takes off every packet's delay.
/// </summary>
public sealed record CalibrationEmulator
{
    public long Forwarded { get; init; }

    public double? LatenessP50Us { get; init; }

    public double? LatenessP99Us { get; init; }

    /// <summary>Measured at world start and compensated; null for a world that did not measure it.</summary>
    public CalibrationOverhead? Compensation { get; init; }
}

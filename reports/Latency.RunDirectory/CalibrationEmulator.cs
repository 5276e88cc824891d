namespace Latency.RunDirectory;

/// <summary>
/// The emulator's own figures in calibration.json (<c>emulator</c>), as the world's network process last reported them:
/// packet counts, how late it released packets, whether it ran on a real-time thread, and the forwarding overhead it
/// measured when the world came up and takes off every packet's delay.
/// </summary>
public sealed record CalibrationEmulator
{
    /// <summary>When the network process last refreshed these figures.</summary>
    public DateTimeOffset? UpdatedUtc { get; init; }

    /// <summary>Whether the forwarding thread got real-time scheduling.</summary>
    public bool? RealTimeScheduling { get; init; }

    public long Forwarded { get; init; }

    /// <summary>Packets the path models dropped (configured loss).</summary>
    public long? Lost { get; init; }

    /// <summary>Packets with no route in the world.</summary>
    public long? NoRoute { get; init; }

    /// <summary>Packets dropped because a queue was full.</summary>
    public long? NoBuffer { get; init; }

    public double? LatenessP50Us { get; init; }

    public double? LatenessP99Us { get; init; }

    public double? LatenessP999Us { get; init; }

    public double? LatenessMaxUs { get; init; }

    /// <summary>Measured at world start and compensated; null for a world that did not measure it.</summary>
    public CalibrationOverhead? Compensation { get; init; }
}

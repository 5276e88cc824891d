namespace Latency.RunDirectory;

/// <summary>The emulator's forwarding time over the path model, each way, and the path it was measured on.</summary>
public sealed record CalibrationOverhead
{
    public string? Probe { get; init; }

    public string? Deployment { get; init; }

    public CalibrationOverheadDirection? Up { get; init; }

    public CalibrationOverheadDirection? Down { get; init; }

    /// <summary>Up plus down medians, ms.</summary>
    public double? RoundTripMs { get; init; }
}

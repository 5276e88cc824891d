namespace Latency.RunDirectory;

/// <summary>One direction's forwarding overhead: median and 90th percentile in milliseconds, and how many datagrams.</summary>
public sealed record CalibrationOverheadDirection
{
    public double MedianMs { get; init; }

    public double P90Ms { get; init; }

    public int Samples { get; init; }
}

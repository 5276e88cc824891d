namespace Latency.World.Emulation;

/// <summary>
/// The forwarding overhead measured when the world came up, per direction, and the path it was measured on.
/// Up is probe to deployment, down the way back. The emulator subtracts each direction's median from every packet's
/// one-way delay in that direction (never below zero), so paths read as configured.
/// </summary>
public sealed record ForwardingOverhead(string Probe, string Deployment, DirectionOverhead Up, DirectionOverhead Down)
{
    /// <summary>The compensated round-trip overhead: what a round trip would read above the configured RTT without it.</summary>
    public double RoundTripMs => Up.MedianMs + Down.MedianMs;
}

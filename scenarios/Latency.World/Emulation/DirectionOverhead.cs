namespace Latency.World.Emulation;

/// <summary>
/// The emulator's own forwarding time in one direction, over what the path model asks for: from a datagram's send to
/// the kernel's receive timestamp in the destination namespace, less the configured one-way delay and serialisation.
/// </summary>
/// <param name="MedianMs">Median of the samples: what the emulator subtracts from each packet's delay.</param>
/// <param name="P90Ms">90th percentile, to show how much it varies.</param>
/// <param name="Samples">Datagrams that arrived (lost ones are not samples).</param>
public sealed record DirectionOverhead(double MedianMs, double P90Ms, int Samples)
{
    /// <summary>No measurement (too few datagrams arrived): nothing is compensated.</summary>
    public static DirectionOverhead None { get; } = new(0, 0, 0);
}

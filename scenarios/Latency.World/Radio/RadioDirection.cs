namespace Latency.World.Radio;

/// <summary>Which way a packet crosses the handset's radio, seen from the handset.</summary>
public enum RadioDirection
{
    /// <summary>From the handset to the network. A connected handset in a DRX sleep wakes itself to send, so
    /// uplink never waits for an on-duration.</summary>
    Uplink,

    /// <summary>From the network to the handset. A connected handset in a DRX sleep only hears it at its next
    /// on-duration.</summary>
    Downlink,
}

namespace Latency.Scenarios.Residency;

/// <summary>What a residency threshold counts of the traffic that reached a jurisdiction.</summary>
public enum ResidencyMetric
{
    /// <summary><c>bytes_sent</c>: user data (request bodies) that reached it, copies by replication included.</summary>
    BytesSent,

    /// <summary><c>bytes_received</c>: response bodies the handsets received from it.</summary>
    BytesReceived,

    /// <summary><c>requests</c>: requests its deployments answered.</summary>
    Requests,
}

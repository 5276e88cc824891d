namespace Latency.Scenarios.Residency;

/// <summary>
/// What one option's sessions sent and received, in all and to one jurisdiction, in the form
/// <see cref="ResidencyThresholdEvaluator"/> needs.
/// </summary>
/// <param name="Requests">Requests that reached the jurisdiction.</param>
/// <param name="BytesSent">User data bytes (request bodies) that reached it, replicated copies included.</param>
/// <param name="BytesReceived">Response body bytes received from it.</param>
/// <param name="TotalRequests">All the option's requests.</param>
/// <param name="TotalBytesSent">All the user data bytes the option's sessions sent.</param>
/// <param name="TotalBytesReceived">All the response body bytes they received.</param>
public sealed record ResidencyObservation(
    long Requests,
    long BytesSent,
    long BytesReceived,
    long TotalRequests,
    long TotalBytesSent,
    long TotalBytesReceived);

using Latency.Bench.Distributed;

namespace Latency.Bench.Application;

/// <summary>How an agent ended.</summary>
/// <param name="Identity">Who it was.</param>
/// <param name="Failure">Why it could not work (no server at the URL, say), or null when it was stopped.</param>
/// <param name="Heartbeats">Heartbeats it sent.</param>
public sealed record AgentOutcome(AgentIdentity Identity, string? Failure, long Heartbeats);

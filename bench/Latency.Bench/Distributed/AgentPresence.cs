namespace Latency.Bench.Distributed;

/// <summary>An agent as a coordinator last heard it.</summary>
/// <param name="Last">Its last heartbeat.</param>
/// <param name="Heard">When that heartbeat arrived, on the coordinator's clock.</param>
/// <param name="Silence">How long ago that was.</param>
/// <param name="Lost">Whether it has been silent for longer than the roster allows.</param>
public sealed record AgentPresence(AgentHeartbeat Last, DateTimeOffset Heard, TimeSpan Silence, bool Lost);

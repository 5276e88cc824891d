namespace Latency.Bench.Distributed;

/// <summary>
/// The coordinator to one agent, about the run it ordered: start at <see cref="StartUtc"/> (the coordinator's clock;
/// the agent converts it with its measured offset), or stop (<see cref="StopReason"/>) before or during the run.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="StartUtc">When to start, on the coordinator's clock; null with a stop.</param>
/// <param name="StopReason">Why the run stops (the coordinator gave up, or was stopped); null to start.</param>
public sealed record RunControl(string RunId, DateTimeOffset? StartUtc, string? StopReason);

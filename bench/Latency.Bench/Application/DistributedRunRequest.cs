using Latency.Bench.Distributed;

namespace Latency.Bench.Application;

/// <summary>What <c>latency run SUITE --nats URL</c> adds to a run: where the agents are and how long to wait for them.</summary>
/// <param name="Nats">The NATS server (with JetStream) and credentials.</param>
/// <param name="WaitAgents">How long to wait for an agent of every compared probe before giving up (exit 3).</param>
/// <param name="ClockUncertaintyBoundMs">The clock-offset uncertainty beyond which run.json and the report say so.</param>
public sealed record DistributedRunRequest(NatsEndpoint Nats, TimeSpan WaitAgents, double ClockUncertaintyBoundMs)
{
    /// <summary>The default: an agent's clock known to within 10 ms.</summary>
    public const double DefaultClockUncertaintyBoundMs = 10;

    /// <summary>Waiting a minute for agents by default.</summary>
    public static readonly TimeSpan DefaultWaitAgents = TimeSpan.FromSeconds(60);
}

using NATS.Client.Core;

namespace Latency.Bench.Distributed;

/// <summary>Feeds an <see cref="AgentRoster"/> from every agent's heartbeats until stopped.</summary>
public static class AgentListener
{
    /// <summary>Listens until <paramref name="cancellationToken"/> is cancelled; messages that are not heartbeats are ignored.</summary>
    /// <param name="nats">The coordinator's connection.</param>
    /// <param name="roster">Where each heartbeat goes.</param>
    /// <param name="ready">Completed once the subscription is in place.</param>
    /// <param name="cancellationToken">Stops listening.</param>
    public static Task ListenAsync(INatsConnection nats, AgentRoster roster, TaskCompletionSource? ready, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return SubjectLoop.RunAsync(nats, DistributedSubjects.AllHeartbeats, ready, message =>
        {
            // The subject names the probe and agent too: a heartbeat that claims another is not taken.
            if (message.Data is { } data && DistributedJson.Deserialize<AgentHeartbeat>(data) is { } heartbeat &&
                message.Subject == DistributedSubjects.Heartbeat(heartbeat.Probe, heartbeat.Name))
            {
                roster.Heard(heartbeat);
            }

            return ValueTask.CompletedTask;
        }, cancellationToken);
    }
}

using NATS.Client.Core;

namespace Latency.Bench.Distributed;

/// <summary>
/// Publishes an agent's heartbeat every <see cref="Interval"/> until stopped. While NATS is unreachable the heartbeats
/// are lost, not queued (a coordinator wants to know the agent is alive now, not that it was); the client reconnects on
/// its own and the next tick goes out.
/// </summary>
public static class AgentHeartbeats
{
    /// <summary>One a second: a coordinator notices a lost agent after five missed ones.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Sends heartbeats (the first at once) until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="nats">The agent's connection.</param>
    /// <param name="identity">Who the agent is.</param>
    /// <param name="state">What it is doing, read at every tick.</param>
    /// <param name="time">Its clock (a fake one in tests).</param>
    /// <param name="cancellationToken">Stops the heartbeats.</param>
    /// <returns>How many were sent (the server took them).</returns>
    public static async Task<long> RunAsync(INatsConnection nats, AgentIdentity identity, Func<string> state, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nats);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(state);
        var subject = DistributedSubjects.Heartbeat(identity.Probe, identity.Name);
        using var timer = new PeriodicTimer(Interval, time);
        long sequence = 0;
        try
        {
            do
            {
                var heartbeat = identity.Heartbeat(time.GetUtcNow(), sequence, state());
                if (nats.ConnectionState == NatsConnectionState.Open)
                {
                    try
                    {
                        await nats.PublishAsync(subject, DistributedJson.Serialize(heartbeat), cancellationToken: cancellationToken).ConfigureAwait(false);
                        sequence++;
                    }
                    catch (NatsException)
                    {
                        // The connection dropped between the check and the publish: this one is lost, the next may go.
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }

        return sequence;
    }
}

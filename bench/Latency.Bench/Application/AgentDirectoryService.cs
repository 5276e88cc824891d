using Latency.Bench.Distributed;
using NATS.Client.Core;

namespace Latency.Bench.Application;

/// <summary><c>latency agents</c>'s use case: which agents are heard on a NATS server, listening for a while.</summary>
public static class AgentDirectoryService
{
    /// <summary>Listens to heartbeats for <paramref name="listen"/> and returns the agents heard, or the connection's failure.</summary>
    /// <param name="nats">The server and credentials (their problems already reported).</param>
    /// <param name="listen">How long to listen: at least one heartbeat interval, so every live agent is heard.</param>
    /// <param name="time">The clock.</param>
    /// <param name="stop">Ctrl-C.</param>
    public static async Task<(IReadOnlyList<AgentPresence> Agents, string? Failure)> ListAsync(NatsEndpoint nats, TimeSpan listen,
        TimeProvider time, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(nats);
        await using var connection = new NatsConnection(nats.Options("latency-agents") with { MaxReconnectRetry = 0 });
        try
        {
            await connection.ConnectAsync().ConfigureAwait(false);
        }
        catch (NatsException ex)
        {
            return ([], $"cannot connect to {nats.Url}: {ex.Message}");
        }

        var roster = new AgentRoster(time);
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = AgentListener.ListenAsync(connection, roster, ready, listening.Token);
        await Task.WhenAny(ready.Task, listener).ConfigureAwait(false);
        try
        {
            await Task.Delay(listen, time, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl-C: list what was heard so far.
        }

        await listening.CancelAsync().ConfigureAwait(false);
        await listener.ConfigureAwait(false);
        return (roster.Snapshot(), null);
    }
}

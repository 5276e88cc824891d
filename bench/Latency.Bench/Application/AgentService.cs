using System.Reflection;
using Latency.Bench.Distributed;
using NATS.Client.Core;

namespace Latency.Bench.Application;

/// <summary>
/// <c>latency agent</c>'s use case: connect to NATS, announce this host as an agent of its probe with a heartbeat every
/// second, and keep doing so, across server restarts and coordinators coming and going, until stopped.
/// </summary>
/// <remarks>
/// This is the agent's first part (issue 18): it registers and stays visible (<c>latency agents</c> lists it). Taking
/// a study's cells from a coordinator builds on it.
/// </remarks>
public static class AgentService
{
    /// <summary>The program's version as heartbeats and run.json give it.</summary>
    public static string Version =>
        typeof(AgentService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Runs the agent until <paramref name="stop"/>; returns why it ended.</summary>
    /// <param name="request">What was asked (its problems already reported: this throws on a bad one).</param>
    /// <param name="log">Where connection changes are told, a line each.</param>
    /// <param name="time">The clock.</param>
    /// <param name="stop">Ctrl-C or SIGTERM.</param>
    public static async Task<AgentOutcome> RunAsync(AgentRequest request, TextWriter log, TimeProvider time, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        if (request.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(request));
        }

        var identity = new AgentIdentity(request.Probe, request.AgentName, Environment.MachineName, Version, Environment.ProcessId, time.GetUtcNow());
        await using var nats = new NatsConnection(request.Nats.Options($"latency-agent-{identity.Probe}-{identity.Name}"));
        nats.ConnectionDisconnected += (_, _) => SayAsync(log, $"disconnected from {request.Nats.Url}; reconnecting");
        nats.ConnectionOpened += (_, _) => SayAsync(log, $"connected to {request.Nats.Url}");
        try
        {
            await nats.ConnectAsync().ConfigureAwait(false);
        }
        catch (NatsException ex)
        {
            return new AgentOutcome(identity, $"cannot connect to {request.Nats.Url}: {ex.Message}", 0);
        }

        await SayAsync(log, $"agent {identity.Name} of probe {identity.Probe} on {identity.Host} ({identity.Version}): " +
                            $"heartbeat every {AgentHeartbeats.Interval.TotalSeconds:0} s on {DistributedSubjects.Heartbeat(identity.Probe, identity.Name)}; " +
                            "Ctrl-C stops").ConfigureAwait(false);
        var sent = await AgentHeartbeats.RunAsync(nats, identity, () => "idle", time, stop).ConfigureAwait(false);
        return new AgentOutcome(identity, null, sent);
    }

    private static ValueTask SayAsync(TextWriter log, string line) =>
        new(log.WriteLineAsync($"latency agent: {line}"));
}

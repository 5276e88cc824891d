using System.Reflection;
using Latency.Bench.Distributed;
using NATS.Client.Core;

namespace Latency.Bench.Application;

/// <summary>
/// <c>latency agent</c>'s use case: connect to NATS, announce this host as an agent of its probe with a heartbeat every
/// second, and keep doing so, across server restarts and coordinators coming and going, until stopped.
/// </summary>
/// <remarks>
/// It takes orders only on its own subjects (<see cref="DistributedSubjects.Order"/> and
/// <see cref="DistributedSubjects.Control"/> with its probe and name), one run at a time (<see cref="AgentRun"/>), and
/// outlives each: a coordinator that goes away mid-run finds the results in the run's stream later.
/// </remarks>
public static class AgentService
{
    /// <summary>The program's version as heartbeats and run.json give it.</summary>
    public static string Version =>
        typeof(AgentService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Runs the agent until <paramref name="stop"/>; returns why it ended.</summary>
    /// <param name="request">What was asked (its problems already reported: this throws on a bad one).</param>
    /// <param name="log">Where connection changes are told, a line each.</param>
    /// <param name="observer">Hears what a run does (as a local run's would be shown).</param>
    /// <param name="time">The clock.</param>
    /// <param name="stop">Ctrl-C or SIGTERM: a run under way stops, keeps what it recorded and says so in its stream.</param>
    public static async Task<AgentOutcome> RunAsync(AgentRequest request, TextWriter log, IRunObserver observer, TimeProvider time, CancellationToken stop)
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
        var runs = new AgentRuns(identity, nats, Path.GetFullPath(request.RunsDirectory), log, observer, time, stop);
        using var listening = new CancellationTokenSource();
        var orders = SubjectLoop.RunAsync(nats, DistributedSubjects.Order(identity.Probe, identity.Name), null, runs.OrderAsync, listening.Token);
        var controls = SubjectLoop.RunAsync(nats, DistributedSubjects.Control(identity.Probe, identity.Name), null, runs.ControlAsync, listening.Token);
        var sent = await AgentHeartbeats.RunAsync(nats, identity, runs.State, time, stop).ConfigureAwait(false);
        // Stopped: a run under way ends partial and publishes its end before the agent goes.
        await runs.StopAsync("the agent was stopped (SIGTERM or Ctrl-C)").ConfigureAwait(false);
        await listening.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(orders, controls).ConfigureAwait(false);
        return new AgentOutcome(identity, null, sent);
    }

    private static ValueTask SayAsync(TextWriter log, string line) =>
        new(log.WriteLineAsync($"latency agent: {line}"));
}

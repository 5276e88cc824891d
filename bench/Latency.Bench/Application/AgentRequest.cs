using Latency.Bench.Distributed;

namespace Latency.Bench.Application;

/// <summary>What <c>latency agent</c> was asked: the NATS server and which probe this host plays, under what name.</summary>
/// <param name="Nats">The server and credentials.</param>
/// <param name="Probe">The probe (country) this agent plays, as a suite's <c>compare</c> names it.</param>
/// <param name="Name">Its name among the probe's agents; the host's name (made a subject token) when null.</param>
public sealed record AgentRequest(NatsEndpoint Nats, string Probe, string? Name)
{
    /// <summary>Where each run's own run directory goes (<c>RUNS/RUN_ID-AGENT</c>), a copy of what it streams.</summary>
    public string RunsDirectory { get; init; } = "agent-runs";

    /// <summary>The name the agent goes by.</summary>
    public string AgentName => Name ?? DistributedSubjects.ToToken(Environment.MachineName);

    /// <summary>Every problem with the request, each naming its option.</summary>
    public IReadOnlyList<string> Problems() =>
    [
        .. Nats.Problems(),
        .. new[] { DistributedSubjects.TokenProblem("--probe", Probe), DistributedSubjects.TokenProblem("--name", AgentName) }.OfType<string>(),
    ];
}

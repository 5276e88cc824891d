namespace Latency.Bench.Distributed;

/// <summary>
/// What an agent publishes every second (<see cref="DistributedSubjects.Heartbeat"/>): who it is and what it does. The
/// first one registers it; a coordinator that hears none for <see cref="AgentRoster.DefaultLostAfter"/> counts it lost.
/// </summary>
/// <param name="Probe">The probe (country) it plays, as the suite's <c>compare</c> names it.</param>
/// <param name="Name">Its name, unique among the probe's agents (<c>--name</c>, else the host's name).</param>
/// <param name="Host">The host it runs on.</param>
/// <param name="Version">The program's version (informational version, with the commit).</param>
/// <param name="ProcessId">Its process id on that host.</param>
/// <param name="Started">When it started, on its own clock.</param>
/// <param name="Sent">When this heartbeat was sent, on its own clock.</param>
/// <param name="Sequence">Heartbeats sent before this one since it started.</param>
/// <param name="State">What it is doing: <c>idle</c>, or the run it is playing.</param>
public sealed record AgentHeartbeat(string Probe, string Name, string Host, string Version, int ProcessId, DateTimeOffset Started,
    DateTimeOffset Sent, long Sequence, string State);

namespace Latency.Bench.Distributed;

/// <summary>Who an agent is, fixed for its life: what every heartbeat repeats.</summary>
/// <param name="Probe">The probe it plays.</param>
/// <param name="Name">Its name among the probe's agents.</param>
/// <param name="Host">The host it runs on.</param>
/// <param name="Version">The program's version.</param>
/// <param name="ProcessId">Its process id.</param>
/// <param name="Started">When it started.</param>
public sealed record AgentIdentity(string Probe, string Name, string Host, string Version, int ProcessId, DateTimeOffset Started)
{
    /// <summary>The heartbeat number <paramref name="sequence"/>, sent at <paramref name="sent"/>, in <paramref name="state"/>.</summary>
    public AgentHeartbeat Heartbeat(DateTimeOffset sent, long sequence, string state) =>
        new(Probe, Name, Host, Version, ProcessId, Started, sent, sequence, state);
}

namespace Latency.Bench.Distributed;

/// <summary>
/// A coordinator's order to one agent: run probe <see cref="Probe"/>'s cells of the suite in <see cref="Bundle"/> (its
/// workloads and world inlined, so the agent needs no files), the arrivals of its share, for the run
/// <see cref="RunId"/>. The agent prepares (clock, world, calibration), answers <see cref="RunOrderReply"/>, and waits
/// for the start (<see cref="RunControl"/>).
/// </summary>
/// <param name="RunId">The run (its stream's name follows from it).</param>
/// <param name="Probe">The probe the agent plays; must be its own.</param>
/// <param name="Agent">The agent's name; must be its own.</param>
/// <param name="ShareIndex">Which of the probe's arrivals it plays (<see cref="ArrivalShare"/>).</param>
/// <param name="ShareCount">How many agents serve the probe.</param>
/// <param name="Bundle">The suite and the files it names.</param>
/// <param name="DurationSeconds">Stop scheduling after this long (<c>latency run --duration</c>); null: the study's own.</param>
/// <param name="Coordinator">The coordinator's host, for the agent's log.</param>
public sealed record RunOrder(string RunId, string Probe, string Agent, int ShareIndex, int ShareCount, SuiteBundle Bundle,
    double? DurationSeconds, string Coordinator);

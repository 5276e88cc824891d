namespace Latency.Bench.Distributed;

/// <summary>How far an agent's clock is from the coordinator's, and how sure that is (run.json keeps both per agent).</summary>
/// <param name="Offset">Coordinator's clock minus the agent's: add it to an agent's time to get the coordinator's.</param>
/// <param name="Uncertainty">The most the true offset can differ from <paramref name="Offset"/>: half the round trip of the
/// sample it came from (the answer was stamped somewhere inside that round trip).</param>
/// <param name="RoundTrip">The round trip of that sample, the shortest of all.</param>
/// <param name="Samples">The round trips taken (those with a negative round trip, a clock stepped meanwhile, not counted).</param>
public sealed record ClockOffset(TimeSpan Offset, TimeSpan Uncertainty, TimeSpan RoundTrip, int Samples)
{
    /// <summary>The coordinator's time for <paramref name="agentTime"/> on the agent's clock.</summary>
    public DateTimeOffset ToCoordinator(DateTimeOffset agentTime) => agentTime + Offset;

    /// <summary>The agent's time for <paramref name="coordinatorTime"/> on the coordinator's clock.</summary>
    public DateTimeOffset ToAgent(DateTimeOffset coordinatorTime) => coordinatorTime - Offset;
}

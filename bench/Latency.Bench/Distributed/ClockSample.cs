namespace Latency.Bench.Distributed;

/// <summary>
/// One clock round trip between an agent and the coordinator: when the agent sent its request and got the answer (on
/// its own UTC wall clock) and the coordinator's UTC wall clock when it answered, all in <see cref="DateTime.Ticks"/>.
/// </summary>
/// <param name="SentTicks">The agent's clock just before sending.</param>
/// <param name="CoordinatorTicks">The coordinator's clock when it answered.</param>
/// <param name="ReceivedTicks">The agent's clock just after the answer arrived.</param>
public readonly record struct ClockSample(long SentTicks, long CoordinatorTicks, long ReceivedTicks)
{
    /// <summary>The round trip as the agent saw it; negative when its clock was stepped meanwhile.</summary>
    public long RoundTripTicks => ReceivedTicks - SentTicks;

    /// <summary>
    /// Coordinator minus agent, assuming the answer was stamped half way through the round trip (NTP's assumption: the
    /// error is at most half the round trip, whatever the asymmetry).
    /// </summary>
    public long OffsetTicks => CoordinatorTicks - (SentTicks + RoundTripTicks / 2);
}

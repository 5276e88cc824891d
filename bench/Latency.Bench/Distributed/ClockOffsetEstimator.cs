namespace Latency.Bench.Distributed;

/// <summary>
/// The agent's clock offset to the coordinator from request-reply round trips, NTP style: the sample with the shortest
/// round trip wins, because queueing (in NATS, the network, a busy process) only ever lengthens a round trip and adds
/// asymmetry, so the shortest one bounds the error best (Mills, RFC 5905's clock filter; Cristian 1989).
/// </summary>
/// <remarks>Written by hand: a dozen lines that no served package offers for arbitrary request-reply transports.</remarks>
public static class ClockOffsetEstimator
{
    /// <summary>The offset from <paramref name="samples"/>, or null when none has a usable (non-negative) round trip.</summary>
    public static ClockOffset? Estimate(IEnumerable<ClockSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ClockSample? best = null;
        var usable = 0;
        foreach (var sample in samples)
        {
            if (sample.RoundTripTicks < 0)
            {
                continue;
            }

            usable++;
            if (best is null || sample.RoundTripTicks < best.Value.RoundTripTicks)
            {
                best = sample;
            }
        }

        return best is not { } shortest
            ? null
            : new ClockOffset(TimeSpan.FromTicks(shortest.OffsetTicks), TimeSpan.FromTicks((shortest.RoundTripTicks + 1) / 2),
                TimeSpan.FromTicks(shortest.RoundTripTicks), usable);
    }
}

using System.Diagnostics;
using NATS.Client.Core;

namespace Latency.Bench.Distributed;

/// <summary>
/// The agent's side of the clock: a number of request-reply round trips to the coordinator's <see cref="ClockService"/>,
/// each timed on the monotonic clock (so a wall-clock step during one cannot fake a short round trip), and the offset
/// from the shortest (<see cref="ClockOffsetEstimator"/>).
/// </summary>
public static class ClockProbe
{
    /// <summary>Round trips taken by default: enough for one with little queueing, a fraction of a second on a WAN.</summary>
    public const int DefaultSamples = 16;

    /// <summary>The offset of this machine's clock to the coordinator's, or null when no round trip was answered.</summary>
    /// <param name="nats">The agent's connection.</param>
    /// <param name="time">Its clock.</param>
    /// <param name="samples">Round trips to take.</param>
    /// <param name="timeout">How long one round trip may take before it is given up.</param>
    /// <param name="cancellationToken">Stops early.</param>
    public static async Task<ClockOffset?> MeasureAsync(INatsConnection nats, TimeProvider time, int samples, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nats);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        var taken = new List<ClockSample>(samples);
        var replyOptions = new NatsSubOpts { Timeout = timeout };
        for (var i = 0; i < samples; i++)
        {
            var sent = time.GetUtcNow().UtcTicks;
            var start = Stopwatch.GetTimestamp();
            try
            {
                var reply = await nats.RequestAsync<byte[], byte[]>(DistributedSubjects.Clock, [], replyOpts: replyOptions,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                var roundTrip = Stopwatch.GetElapsedTime(start);
                if (reply.Data is { Length: 8 } stamp)
                {
                    taken.Add(new ClockSample(sent, BitConverter.ToInt64(stamp), sent + roundTrip.Ticks));
                }
            }
            catch (NatsNoReplyException)
            {
                // Nobody answered in time (no coordinator yet, or a lost reply): that sample is missing.
            }
            catch (NatsNoRespondersException)
            {
                return ClockOffsetEstimator.Estimate(taken);
            }
        }

        return ClockOffsetEstimator.Estimate(taken);
    }
}

using Latency.Bench.Distributed;

namespace Latency.Tests.Distributed;

public class ClockOffsetEstimatorTests
{
    private const long Ms = TimeSpan.TicksPerMillisecond;

    [Fact]
    public void Estimate_SymmetricPaths_RecoversTheOffsetFromTheShortestRoundTrip()
    {
        // The coordinator's clock is 250 ms ahead. Each round trip: 10 ms each way plus queueing on one leg.
        const long trueOffset = 250 * Ms;
        var samples = new (long Queue, bool Up)[] { (7L, true), (0L, true), (3L, false), (12L, true) }
            .Select((q, i) =>
            {
                var sent = (1_000 + i * 100) * Ms;
                var up = 10 * Ms + (q.Up ? q.Queue * Ms : 0);
                var down = 10 * Ms + (q.Up ? 0 : q.Queue * Ms);
                return new ClockSample(sent, sent + up + trueOffset, sent + up + down);
            })
            .ToList();

        var offset = ClockOffsetEstimator.Estimate(samples);

        Assert.NotNull(offset);
        Assert.Equal(TimeSpan.FromMilliseconds(250), offset.Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(20), offset.RoundTrip);
        Assert.Equal(TimeSpan.FromMilliseconds(10), offset.Uncertainty);
        Assert.Equal(4, offset.Samples);
    }

    [Fact]
    public void Estimate_AsymmetricShortestRoundTrip_ErrorStaysWithinTheUncertainty()
    {
        // 2 ms up, 18 ms down: the midpoint assumption is 8 ms off, and the uncertainty (half of 20 ms) covers it.
        const long trueOffset = -40 * Ms;
        var sample = new ClockSample(0, 2 * Ms + trueOffset, 20 * Ms);

        var offset = ClockOffsetEstimator.Estimate([sample])!;

        var error = (offset.Offset - TimeSpan.FromTicks(trueOffset)).Duration();
        Assert.Equal(TimeSpan.FromMilliseconds(8), error);
        Assert.True(error <= offset.Uncertainty, $"error {error} beyond uncertainty {offset.Uncertainty}");
    }

    [Fact]
    public void Estimate_NegativeRoundTrip_NotUsed()
    {
        var stepped = new ClockSample(100 * Ms, 0, 50 * Ms);
        var good = new ClockSample(0, 5 * Ms, 4 * Ms);

        var offset = ClockOffsetEstimator.Estimate([stepped, good])!;

        Assert.Equal(1, offset.Samples);
        Assert.Equal(TimeSpan.FromMilliseconds(3), offset.Offset);
    }

    [Fact]
    public void Estimate_NoUsableSample_Null()
    {
        Assert.Null(ClockOffsetEstimator.Estimate([]));
        Assert.Null(ClockOffsetEstimator.Estimate([new ClockSample(10, 0, 5)]));
    }

    [Fact]
    public void ToAgentAndBack_RoundTrips()
    {
        var offset = new ClockOffset(TimeSpan.FromMilliseconds(-12.5), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), 16);
        var coordinator = new DateTimeOffset(2026, 12, 3, 4, 0, 0, TimeSpan.Zero);

        Assert.Equal(coordinator, offset.ToCoordinator(offset.ToAgent(coordinator)));
        Assert.Equal(coordinator.AddMilliseconds(12.5), offset.ToAgent(coordinator));
    }
}

using Latency.Scenarios.Load;

namespace Latency.Tests.Load;

public class LinearRatePacerTests
{
    // rate per second, duration in seconds, arrivals = rate * duration (computed by hand)
    [Theory]
    [InlineData(500, 10, 5000)]
    [InlineData(1, 1, 1)]
    [InlineData(3, 2, 6)]
    [InlineData(0.5, 3, 1)]
    public void PlannedArrivals_ConstantRate_IsRateTimesDuration(double rate, int seconds, long expected)
    {
        var pacer = new LinearRatePacer(rate, rate, TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, pacer.PlannedArrivals);
    }

    [Fact]
    public void DueTime_Inject500PerSecond_EveryArrivalAtTwoMillisecondSteps()
    {
        var pacer = new LinearRatePacer(500, 500, TimeSpan.FromSeconds(10));

        for (long k = 0; k < 5000; k++)
        {
            Assert.Equal(TimeSpan.FromMilliseconds(2 * k), pacer.DueTime(k));
        }

        Assert.Null(pacer.DueTime(5000));
        Assert.Null(pacer.DueTime(-1));
    }

    // Inject(rate, interval, during): arrivals per interval = rate; gap = interval / rate.
    [Theory]
    [InlineData(500, 1000, 10)]
    [InlineData(50, 100, 1)]
    [InlineData(3, 1000, 3)]
    [InlineData(7, 250, 2)]
    public void DueTime_InjectPhase_ArrivalsSpreadEvenlyInsideEveryInterval(double rate, int intervalMs, int duringSeconds)
    {
        var interval = TimeSpan.FromMilliseconds(intervalMs);
        var (timeline, problems) = LoadTimeline.Compile([new Inject(rate, interval, TimeSpan.FromSeconds(duringSeconds))], seed: 1);
        Assert.Empty(problems);
        var pacer = timeline!.Phases[0].Pacer!;
        var intervals = duringSeconds * 1000 / intervalMs;
        Assert.Equal((long)(rate * intervals), pacer.PlannedArrivals);

        var due = Enumerable.Range(0, (int)pacer.PlannedArrivals).Select(k => pacer.DueTime(k)!.Value.Ticks).ToList();
        var expectedGapTicks = interval.Ticks / rate;

        // Not batched: each interval holds exactly `rate` arrivals, the first at the interval start.
        foreach (var group in due.GroupBy(t => t / interval.Ticks))
        {
            Assert.Equal((int)rate, group.Count());
            Assert.Equal(group.Key * interval.Ticks, group.Min());
        }

        Assert.Equal(due.Count, due.Distinct().Count());
        for (var k = 1; k < due.Count; k++)
        {
            // Constant gap; rounding to whole ticks may move an arrival by at most one tick.
            Assert.InRange(due[k] - due[k - 1], expectedGapTicks - 1, expectedGapTicks + 1);
        }
    }

    [Fact]
    public void DueTime_RampFromZeroTo100PerSecondOver10s_MatchesClosedForm()
    {
        const double endRate = 100;
        const double durationSeconds = 10;
        var pacer = new LinearRatePacer(0, endRate, TimeSpan.FromSeconds(durationSeconds));

        // N(t) = r1 t^2 / 2D, so N(D) = r1 D / 2 = 500 and N(t) = k at t = sqrt(2 k D / r1).
        Assert.Equal(500, pacer.PlannedArrivals);
        for (long k = 0; k < 500; k++)
        {
            var expectedTicks = Math.Sqrt(2 * k * durationSeconds / endRate) * TimeSpan.TicksPerSecond;
            Assert.InRange(pacer.DueTime(k)!.Value.Ticks, expectedTicks - 1, expectedTicks + 1);
        }

        Assert.Null(pacer.DueTime(500));
    }

    [Fact]
    public void DueTime_RampingInjectAfterInject_StartsFromPreviousRate()
    {
        var (timeline, problems) = LoadTimeline.Compile(
            [new Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), new RampingInject(300, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10))],
            seed: 1);
        Assert.Empty(problems);
        var ramp = timeline!.Phases[1].Pacer!;

        // Rate 100 -> 300 over 10 s: N(t) = 100 t + 10 t^2, N(10) = 2000; N(t) = k at t = (-100 + sqrt(10000 + 40 k)) / 20.
        Assert.Equal(2000, ramp.PlannedArrivals);
        Assert.Equal(500 + 2000, timeline.PlannedArrivals);
        foreach (var k in new long[] { 0, 1, 100, 999, 1999 })
        {
            var expectedTicks = (-100 + Math.Sqrt(10000 + 40.0 * k)) / 20 * TimeSpan.TicksPerSecond;
            Assert.InRange(ramp.DueTime(k)!.Value.Ticks, expectedTicks - 1, expectedTicks + 1);
        }
    }

    // 500/s: arrival k is due at 2k ms.
    [Theory]
    [InlineData(0, 0, 0, 0)]        // first arrival due at once
    [InlineData(1, 0, 2, 2)]        // second due at 2 ms, asked at 0: wait 2 ms
    [InlineData(1, 1.5, 2, 0.5)]    // asked at 1.5 ms: wait 0.5 ms
    [InlineData(1, 2, 2, 0)]        // exactly due
    [InlineData(1, 50, 2, 0)]       // overdue: no negative wait
    [InlineData(4999, 9000, 9998, 998)]
    public void Pace_BeforeLastArrival_WaitIsDueMinusElapsed(long issued, double elapsedMs, double dueMs, double waitMs)
    {
        var pacer = new LinearRatePacer(500, 500, TimeSpan.FromSeconds(10));

        var decision = pacer.Pace(TimeSpan.FromMilliseconds(elapsedMs), issued);

        Assert.False(decision.Stop);
        Assert.Equal(TimeSpan.FromMilliseconds(dueMs), decision.Due);
        Assert.Equal(TimeSpan.FromMilliseconds(waitMs), decision.Wait);
    }

    [Theory]
    [InlineData(5000, 0)]
    [InlineData(5000, 20_000)]
    [InlineData(6000, 5_000)]
    public void Pace_AfterLastArrival_Stops(long issued, double elapsedMs)
    {
        var pacer = new LinearRatePacer(500, 500, TimeSpan.FromSeconds(10));

        var decision = pacer.Pace(TimeSpan.FromMilliseconds(elapsedMs), issued);

        Assert.True(decision.Stop);
        Assert.Equal(TimeSpan.Zero, decision.Wait);
    }
}

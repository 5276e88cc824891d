using Latency.Reports.Statistics;

namespace Latency.Tests.Statistics;

public class DistributionFreeRatioIntervalTests
{
    [Fact]
    public void Estimate_NineLumpySessionsPerRun_CoversTheTrueRatioAtLeastAsOftenAsItsLevel()
    {
        // Two runs of the same study row, 9 sessions each: most sessions near 1 s, one in four waited for a 1 s
        // retransmission (a lumpy, two-humped distribution). The true p50 ratio is 1.
        var random = new Random(11);
        const int trials = 1_000;
        var covered = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var (lower, upper) = DistributionFreeRatioInterval.Estimate(Run(random), Run(random), 0.5);
            covered += lower <= 1 && 1 <= upper ? 1 : 0;
        }

        // At least 95% (the interval is conservative); 93.5% leaves room for Monte Carlo error of 1,000 trials.
        Assert.True(covered >= trials * 0.935, $"covered {covered} of {trials}");
    }

    [Fact]
    public void Estimate_LargeRunsAFifthApart_IsNarrowAndHoldsTheRatio()
    {
        var random = new Random(5);
        var slower = HistogramBuckets.From(Enumerable.Range(0, 5_000).Select(_ => (StatisticsSamples.LogNormal(random, Math.Log(125_000), 0.3) * 1.0, 1L)));
        var baseline = HistogramBuckets.From(Enumerable.Range(0, 5_000).Select(_ => (StatisticsSamples.LogNormal(random, Math.Log(100_000), 0.3) * 1.0, 1L)));

        var (lower, upper) = DistributionFreeRatioInterval.Estimate(slower, baseline, 0.5);

        Assert.InRange(1.25, lower, upper);
        Assert.True(upper / lower < 1.06, $"{lower}-{upper}");
    }

    [Fact]
    public void Estimate_AnEmptyRun_HasNoInterval()
    {
        var empty = HistogramBuckets.From(Array.Empty<(double, long)>());
        var some = HistogramBuckets.From([(100.0, 10L)]);
        Assert.True(double.IsNaN(DistributionFreeRatioInterval.Estimate(some, empty, 0.5).Lower));
    }

    private static HistogramBuckets Run(Random random) =>
        HistogramBuckets.From(Enumerable.Range(0, 9).Select(_ => (1_000_000.0 * (0.9 + 0.2 * random.NextDouble()) + (random.NextDouble() < 0.25 ? 1_000_000 : 0), 1L)));
}

using System.Diagnostics;
using HdrHistogram;
using Latency.Reports.Statistics;
using Xunit.Abstractions;

namespace Latency.Tests.Statistics;

public class QuantileRatioBootstrapTests(ITestOutputHelper output)
{
    [Fact]
    public void Estimate_ConstantSides_GainIsExactRatioWithZeroWidthInterval()
    {
        var origin = StatisticsSamples.Histogram();
        origin.RecordValueWithCount(1_000, 50);
        var inRegion = StatisticsSamples.Histogram();
        inRegion.RecordValueWithCount(400, 70);

        var gains = new QuantileRatioBootstrap().WithReplicates(200).Estimate(origin, inRegion);

        Assert.Equal([0.5, 0.95, 0.99], gains.Select(g => g.Probability));
        Assert.All(gains, g => Assert.Equal((2.5, 2.5, 2.5), (g.Gain, g.Lower, g.Upper)));
        Assert.All(gains, g => Assert.Equal((2.5, 2.5, 1.0), (g.Lower80, g.Upper80, g.ShareFaster)));
        Assert.Equal((50L, 70L), (gains[0].OriginCount, gains[0].InRegionCount));
        Assert.False(gains[0].TooFewSamples);
        Assert.True(gains[1].TooFewSamples); // 50 < 59 values for p95
    }

    [Fact]
    public void Estimate_PointGain_IsRatioOfSampleQuantiles()
    {
        var origin = StatisticsSamples.Histogram(100, 200, 300, 400, 500);
        var inRegion = StatisticsSamples.Histogram(10, 20, 30, 40, 50, 60);

        var gain = new QuantileRatioBootstrap().WithReplicates(100).Estimate(origin, inRegion)[0];

        Assert.Equal(300 / 35.0, gain.Gain, 12); // medians 300 and (30 + 40) / 2
        Assert.True(gain.Lower <= gain.Gain && gain.Gain <= gain.Upper);
    }

    [Fact]
    public void Estimate_SameSeed_SameInterval_OtherSeed_Differs()
    {
        var (origin, inRegion) = LogNormalSides(Math.Log(400_000), Math.Log(150_000));
        var bootstrap = new QuantileRatioBootstrap().WithSeed(42);

        var first = bootstrap.Estimate(origin, inRegion);
        var again = bootstrap.Estimate(origin, inRegion);
        var other = bootstrap.WithSeed(43).Estimate(origin, inRegion);

        Assert.Equal(first, again);
        Assert.NotEqual(first[0].Lower, other[0].Lower);
        Assert.Equal(first[0].Gain, other[0].Gain);
    }

    [Fact]
    public void Estimate_EmptySide_IsNaN()
    {
        var gains = new QuantileRatioBootstrap().Estimate(StatisticsSamples.Histogram(), StatisticsSamples.Histogram(5));

        Assert.All(gains, g => Assert.True(double.IsNaN(g.Gain) && double.IsNaN(g.Lower) && g.TooFewSamples));
        Assert.All(gains, g => Assert.True(double.IsNaN(g.Lower80) && double.IsNaN(g.Upper80) && double.IsNaN(g.ShareFaster)));
    }

    [Fact]
    public void Estimate_ClearlyFaster_EightyPercentIntervalInsideNinetyFiveAroundGain_FasterInEveryReplicate()
    {
        var (origin, inRegion) = LogNormalSides(Math.Log(400_000), Math.Log(150_000));

        var gains = new QuantileRatioBootstrap().Estimate(origin, inRegion);

        Assert.All(gains, g =>
        {
            Assert.True(g.Lower < g.Lower80 && g.Lower80 < g.Gain && g.Gain < g.Upper80 && g.Upper80 < g.Upper,
                $"p{g.Probability * 100}: 95% [{g.Lower}, {g.Upper}], 80% [{g.Lower80}, {g.Upper80}], gain {g.Gain}");
            Assert.Equal(1.0, g.ShareFaster);
        });
    }

    [Fact]
    public void Estimate_SameDistributionBothSides_FasterInAboutHalfTheReplicates()
    {
        var (origin, _) = LogNormalSides(Math.Log(400_000), Math.Log(400_000));

        var gain = new QuantileRatioBootstrap().Estimate(origin, origin)[0];
        var again = new QuantileRatioBootstrap().Estimate(origin, origin)[0];

        Assert.Equal(1.0, gain.Gain);
        // Resamples of one distribution: either side's median is the larger about as often; equal medians count as not faster.
        Assert.InRange(gain.ShareFaster, 0.45, 0.55);
        Assert.Equal(gain.ShareFaster, again.ShareFaster);
        Assert.True(gain.Lower80 < 1 && 1 < gain.Upper80);
    }

    [Fact]
    public void Estimate_InRegionSlower_FasterInNoReplicate()
    {
        var (origin, inRegion) = LogNormalSides(Math.Log(150_000), Math.Log(400_000));

        var gain = new QuantileRatioBootstrap().Estimate(origin, inRegion)[0];

        Assert.Equal(0.0, gain.ShareFaster);
        Assert.True(gain.Upper80 < 1);
    }

    [Fact]
    public void Statistics_HundredMillionMergedValues_WorkFromBucketsWithoutExpanding()
    {
        var origin = HundredMillion(Math.Log(400_000), 0.6, seed: 1);
        var inRegion = HundredMillion(Math.Log(150_000), 0.4, seed: 2);
        Assert.Equal(100_000_000, origin.TotalCount);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var quantiles = new[] { 0.5, 0.95, 0.99 }.Select(p => QuantileEstimator.Estimate(origin, p)).ToList();
        var gains = new QuantileRatioBootstrap().Estimate(origin, inRegion);
        var test = MannWhitneyTest.Test(origin, inRegion);
        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        output.WriteLine($"100M values per side: {watch.ElapsedMilliseconds} ms, {allocated / 1024} KiB allocated; " +
                         $"p50 gain {gains[0].Gain:F4} [{gains[0].Lower:F4}, {gains[0].Upper:F4}], p {test.PValue}");

        // Expanding one side would be 800 MB of doubles; buckets and replicate arrays are well under 10 MB.
        Assert.True(allocated < 10 * 1024 * 1024, $"{allocated} bytes allocated");
        Assert.Equal(RankSumResult.Faster, test.Verdict);
        Assert.InRange(gains[0].Gain, 400 / 150.0 * 0.99, 400 / 150.0 * 1.01);
        Assert.True(quantiles[0].Lower <= quantiles[0].Estimate && quantiles[0].Estimate <= quantiles[0].Upper);
    }

    /// <summary>300 lognormal session times a side (µs), σ 0.6 on the origin and 0.4 in region, from a fixed seed.</summary>
    private static (LongHistogram Origin, LongHistogram InRegion) LogNormalSides(double originMu, double inRegionMu)
    {
        var random = new Random(7);
        var origin = StatisticsSamples.Histogram(Enumerable.Range(0, 300).Select(_ => StatisticsSamples.LogNormal(random, originMu, 0.6)).ToArray());
        var inRegion = StatisticsSamples.Histogram(Enumerable.Range(0, 300).Select(_ => StatisticsSamples.LogNormal(random, inRegionMu, 0.4)).ToArray());
        return (origin, inRegion);
    }

    /// <summary>100M lognormal values recorded with counts: 20,000 draws of 5,000 each, as merged probe histograms would be.</summary>
    private static LongHistogram HundredMillion(double mu, double sigma, int seed)
    {
        var random = new Random(seed);
        var histogram = StatisticsSamples.Histogram();
        for (var i = 0; i < 20_000; i++)
        {
            histogram.RecordValueWithCount(StatisticsSamples.LogNormal(random, mu, sigma), 5_000);
        }

        return histogram;
    }
}

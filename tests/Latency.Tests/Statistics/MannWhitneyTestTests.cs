using Latency.Reports.Statistics;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Latency.Tests.Statistics;

public class MannWhitneyTestTests
{
    [Fact]
    public void Test_Separated_MatchesNormalApproximation()
    {
        // In-region {1,2,3} all below origin {4,5,6}: U = 0, mean 4.5, variance 3*3/12*7 = 5.25,
        // z = -(4.5 - 0.5)/sqrt(5.25) = -1.7457, p = 0.0809 (R: wilcox.test(1:3, 4:6, exact = FALSE) gives 0.08086).
        var result = MannWhitneyTest.Test(StatisticsSamples.Histogram(4, 5, 6), StatisticsSamples.Histogram(1, 2, 3));

        Assert.Equal(0, result.U);
        Assert.Equal(-4 / Math.Sqrt(5.25), result.Z, 12);
        Assert.Equal(0.08086, result.PValue, 4);
        Assert.Equal(1.0, result.ProbabilityInRegionFaster);
        Assert.Equal(RankSumResult.NoSignificantDifference, result.Verdict);
    }

    [Fact]
    public void Test_Ties_UseMidRanksAndCorrectedVariance()
    {
        // In-region {1,2,2}, origin {2,3,4}: the three 2s share ranks 2..4 (mid-rank 3), rank sum 1 + 3 + 3 = 7,
        // U = 7 - 6 = 1; tie term (27 - 3) / (6 * 5) = 0.8, variance 0.75 * (7 - 0.8) = 4.65.
        var result = MannWhitneyTest.Test(StatisticsSamples.Histogram(2, 3, 4), StatisticsSamples.Histogram(1, 2, 2));

        var z = -(4.5 - 1 - 0.5) / Math.Sqrt(4.65);
        Assert.Equal(1, result.U);
        Assert.Equal(z, result.Z, 12);
        Assert.Equal(2 * NormalDistribution.Standard.Cdf(z), result.PValue, 12);
    }

    [Fact]
    public void Test_InRegionClearlyShorter_IsFaster()
    {
        var random = new Random(1);
        var origin = StatisticsSamples.Histogram(Enumerable.Range(0, 100).Select(_ => StatisticsSamples.LogNormal(random, Math.Log(400_000), 0.5)).ToArray());
        var inRegion = StatisticsSamples.Histogram(Enumerable.Range(0, 100).Select(_ => StatisticsSamples.LogNormal(random, Math.Log(150_000), 0.5)).ToArray());

        Assert.Equal(RankSumResult.Faster, MannWhitneyTest.Test(origin, inRegion).Verdict);
        Assert.Equal(RankSumResult.Slower, MannWhitneyTest.Test(inRegion, origin).Verdict);
        Assert.True(MannWhitneyTest.Test(origin, inRegion).PValue < 1e-10);
    }

    [Fact]
    public void Test_SameDistribution_IsNoSignificantDifference()
    {
        var same = StatisticsSamples.Histogram(Enumerable.Range(1, 200).Select(v => (long)v * 1000).ToArray());

        var result = MannWhitneyTest.Test(same, same);

        Assert.Equal(RankSumResult.NoSignificantDifference, result.Verdict);
        Assert.Equal(1, result.PValue);
        Assert.Equal(0.5, result.ProbabilityInRegionFaster);
    }

    [Fact]
    public void Test_EmptySide_IsNoSignificantDifferenceWithNaN()
    {
        var result = MannWhitneyTest.Test(StatisticsSamples.Histogram(), StatisticsSamples.Histogram(1, 2));

        Assert.Equal(RankSumResult.NoSignificantDifference, result.Verdict);
        Assert.True(double.IsNaN(result.PValue));
    }
}

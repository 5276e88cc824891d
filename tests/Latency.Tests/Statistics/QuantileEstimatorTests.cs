using Latency.Reports.Statistics;

namespace Latency.Tests.Statistics;

public class QuantileEstimatorTests
{
    [Theory]
    [InlineData(0.5, 5.5)]
    [InlineData(0.95, 9.55)] // h = (10 - 1) * 0.95 + 1 = 9.55: x(9) + 0.55 * (x(10) - x(9))
    [InlineData(0.1, 1.9)]
    public void Quantile_OneToTen_IsHyndmanFanSeven(double p, double expected)
    {
        var buckets = HistogramBuckets.From(StatisticsSamples.Histogram(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

        Assert.Equal(expected, buckets.Quantile(p), 12);
    }

    [Fact]
    public void From_Histogram_KeepsBucketsNotValues()
    {
        var histogram = StatisticsSamples.Histogram();
        histogram.RecordValueWithCount(100, 1_000_000);
        histogram.RecordValueWithCount(200, 3);

        var buckets = HistogramBuckets.From(histogram);

        Assert.Equal([100.0, 200.0], buckets.Values);
        Assert.Equal([1_000_000L, 3L], buckets.Counts);
        Assert.Equal(1_000_003, buckets.TotalCount);
    }

    [Fact]
    public void Ranks_MedianOfTen_AreSecondAndNinth()
    {
        // Binomial(10, 1/2): P(B <= 1) = 11/1024 = 0.0107 <= 0.025 < P(B <= 2) = 56/1024, so [x(2), x(9)],
        // coverage 1 - 2 * 11/1024 = 97.9% (the textbook median interval for n = 10).
        Assert.Equal((2L, 9L), OrderStatisticQuantileEstimator.Ranks(10, 0.5));
    }

    [Fact]
    public void Ranks_LargeSample_BracketNpByTwoStandardDeviations()
    {
        // n = 1,000,000, p = 0.99: np = 990,000, sd = sqrt(n p (1 - p)) = 99.5, z = 1.96: 195 ranks either side.
        var (lower, upper) = OrderStatisticQuantileEstimator.Ranks(1_000_000, 0.99);

        Assert.Equal(990_000 - 196, lower);
        Assert.Equal(990_000 + 197, upper);
    }

    [Fact]
    public void Estimate_OrderStatistics_UsesRankedBuckets()
    {
        var histogram = StatisticsSamples.Histogram();
        for (var v = 1; v <= 2_000; v++)
        {
            histogram.RecordValueWithCount(v, 10); // 20,000 values: past the Harrell-Davis limit
        }

        var estimate = QuantileEstimator.Estimate(histogram, 0.5);
        var (lower, upper) = OrderStatisticQuantileEstimator.Ranks(20_000, 0.5);

        Assert.StartsWith("order statistics", estimate.Method);
        Assert.Equal(1_000.5, estimate.Estimate); // h = 10,000.5: between x(10,000) = 1,000 and x(10,001) = 1,001
        Assert.Equal(Math.Ceiling(lower / 10.0), estimate.Lower);
        Assert.Equal(Math.Ceiling(upper / 10.0), estimate.Upper);
        Assert.True(estimate.Lower < estimate.Estimate && estimate.Estimate < estimate.Upper);
        Assert.False(estimate.TooFewSamples);
    }

    [Fact]
    public void Estimate_SmallSample_IsPerfolizerHarrellDavis()
    {
        var values = new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

        var estimate = QuantileEstimator.Estimate(StatisticsSamples.Histogram(values), 0.5);

        var sample = new Pragmastat.Sample(values.Select(v => (double)v).ToArray());
        var expected = Perfolizer.Mathematics.QuantileEstimators.HarrellDavisQuantileEstimator.Instance;
        var ci = expected.QuantileConfidenceIntervalEstimator(sample, 0.5).ConfidenceInterval(0.95);
        Assert.StartsWith("Harrell-Davis", estimate.Method);
        Assert.Equal(5.5, estimate.Estimate, 6); // symmetric sample: Harrell-Davis median is the middle
        Assert.Equal(ci.Lower, estimate.Lower, 9);
        Assert.Equal(ci.Upper, estimate.Upper, 9);
        Assert.Equal(10, estimate.Count);
    }

    [Theory]
    [InlineData(0.5, 6)] // 2 * 0.5^n <= 0.05 from n = 6
    [InlineData(0.95, 59)] // 0.95^n <= 0.05 - 0.05^n from n = 59 (ln 0.05 / ln 0.95 = 58.4)
    [InlineData(0.99, 299)] // ln 0.05 / ln 0.99 = 298.1
    public void MinimumCount_At95_IsWhereOrderStatisticsCanBracketTheQuantile(double p, long expected)
    {
        Assert.Equal(expected, SampleSizeRule.MinimumCount(p));
    }

    [Fact]
    public void Estimate_P99OfFewSamples_WarnsTooFew()
    {
        var few = StatisticsSamples.Histogram(Enumerable.Range(1, 298).Select(v => (long)v).ToArray());
        var enough = StatisticsSamples.Histogram(Enumerable.Range(1, 299).Select(v => (long)v).ToArray());

        Assert.True(QuantileEstimator.Estimate(few, 0.99).TooFewSamples);
        Assert.False(QuantileEstimator.Estimate(enough, 0.99).TooFewSamples);
        Assert.False(QuantileEstimator.Estimate(few, 0.5).TooFewSamples);
    }

    [Fact]
    public void Estimate_Empty_IsNaNAndTooFew()
    {
        var estimate = QuantileEstimator.Estimate(StatisticsSamples.Histogram(), 0.5);

        Assert.True(double.IsNaN(estimate.Estimate));
        Assert.True(estimate.TooFewSamples);
        Assert.Equal(0, estimate.Count);
    }
}

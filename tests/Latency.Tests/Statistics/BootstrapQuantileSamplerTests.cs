using Latency.Reports.Statistics;

namespace Latency.Tests.Statistics;

public class BootstrapQuantileSamplerTests
{
    private static readonly double[] Probabilities = [0.1, 0.5, 0.95];

    /// <summary>
    /// The order-statistic sampler must give the distribution that resampling the values gives. 30 values with ties
    /// (rounded lognormal, so buckets hold more than one), 20,000 replicates each way: brute force resamples the 30
    /// values with replacement and takes the Hyndman-Fan 7 quantiles, the sampler draws them from betas. For p10, p50,
    /// p95 (each interpolating two ranks) and for p95 - p50 (the joint draw of ranks 15, 16, 28, 29), the two-sample
    /// Kolmogorov-Smirnov distance must stay under its 0.1% critical value, 1.95 √(2 / 20,000) = 0.0195 (conservative
    /// for these discrete distributions). Off-by-one beta shapes or ranks move it to several times that.
    /// </summary>
    [Fact]
    public void Sample_MatchesBruteForceResamplingOfTheValues()
    {
        const int replicates = 20_000;
        var random = new Random(30);
        var values = Enumerable.Range(0, 30).Select(_ => (double)StatisticsSamples.LogNormal(random, Math.Log(20), 0.4)).ToArray();
        var buckets = HistogramBuckets.From(values.Select(v => (v, 1L)));
        Assert.True(buckets.Values.Count < values.Length, "the sample should have ties");

        var bruteForce = BruteForce(values, replicates, new Random(31));
        var sampler = new BootstrapQuantileSampler(buckets, Probabilities, new Random(32));
        var drawn = new double[replicates][];
        for (var r = 0; r < replicates; r++)
        {
            drawn[r] = new double[Probabilities.Length];
            sampler.Sample(drawn[r]);
        }

        const double critical = 0.0195;
        for (var i = 0; i < Probabilities.Length; i++)
        {
            var distance = KolmogorovSmirnovDistance(bruteForce.Select(q => q[i]), drawn.Select(q => q[i]));
            Assert.True(distance < critical, $"p{Probabilities[i] * 100}: KS distance {distance:F4}");
        }

        var spread = KolmogorovSmirnovDistance(bruteForce.Select(q => q[2] - q[1]), drawn.Select(q => q[2] - q[1]));
        Assert.True(spread < critical, $"p95 - p50: KS distance {spread:F4}");
    }

    [Fact]
    public void Sample_OneBucket_IsItsValue_OneValue_Too()
    {
        var many = new BootstrapQuantileSampler(HistogramBuckets.From([(7.0, 1_000_000_000L)]), Probabilities, new Random(1));
        var one = new BootstrapQuantileSampler(HistogramBuckets.From([(3.0, 1L)]), Probabilities, new Random(1));
        var quantiles = new double[Probabilities.Length];

        many.Sample(quantiles);
        Assert.All(quantiles, q => Assert.Equal(7.0, q));
        one.Sample(quantiles);
        Assert.All(quantiles, q => Assert.Equal(3.0, q));
    }

    /// <summary>
    /// Two buckets of 5e8 values each at 1 and 2: the resample's median is 1, 1.5 or 2, and the share of resamples at
    /// or below 1 is P(Binomial(1e9, 1/2) ≥ 5e8) ≈ 1/2. Checks the rank arithmetic holds at a billion values, where
    /// a beta of the wrong shape or a rank off by one in the inverse CDF would show as all medians in one bucket.
    /// </summary>
    [Fact]
    public void Sample_BillionValues_MedianSplitsBetweenTwoEqualBuckets()
    {
        var sampler = new BootstrapQuantileSampler(HistogramBuckets.From([(1.0, 500_000_000L), (2.0, 500_000_000L)]), [0.5], new Random(5));
        var quantile = new double[1];
        var low = 0;
        const int replicates = 4_000;
        for (var r = 0; r < replicates; r++)
        {
            sampler.Sample(quantile);
            Assert.Contains(quantile[0], new[] { 1.0, 1.5, 2.0 });
            low += quantile[0] == 1.0 ? 1 : 0;
        }

        // Binomial(4,000, 1/2): standard deviation 32, so 5 standard errors either side of 2,000.
        Assert.InRange(low, 2_000 - 160, 2_000 + 160);
    }

    private static double[][] BruteForce(double[] values, int replicates, Random random)
    {
        var resample = new double[values.Length];
        var result = new double[replicates][];
        for (var r = 0; r < replicates; r++)
        {
            for (var i = 0; i < resample.Length; i++)
            {
                resample[i] = values[random.Next(values.Length)];
            }

            Array.Sort(resample);
            result[r] = Probabilities.Select(p => HyndmanFan7(resample, p)).ToArray();
        }

        return result;
    }

    private static double HyndmanFan7(double[] sorted, double probability)
    {
        var h = (sorted.Length - 1) * probability;
        var low = (int)Math.Floor(h);
        return low + 1 >= sorted.Length ? sorted[^1] : sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]);
    }

    /// <summary>The largest gap between the two samples' empirical CDFs, over every value either sample takes.</summary>
    private static double KolmogorovSmirnovDistance(IEnumerable<double> first, IEnumerable<double> second)
    {
        var a = first.Order().ToArray();
        var b = second.Order().ToArray();
        int i = 0, j = 0;
        var distance = 0.0;
        while (i < a.Length && j < b.Length)
        {
            var x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] == x)
            {
                i++;
            }

            while (j < b.Length && b[j] == x)
            {
                j++;
            }

            distance = Math.Max(distance, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }

        return distance;
    }
}

using HdrHistogram;
using Latency.Reports.Publish;

namespace Latency.Tests.Publish;

/// <summary>
/// CloudWatch Values/Counts from a histogram: every sample once, at most 150 values a datum, and the p50, p90, p95
/// and p99 read back from them within 1% of the histogram's own, over skewed, bimodal and very wide histograms.
/// </summary>
public class DistributionCompressorTests
{
    private static readonly double[] Percentiles = [50, 90, 95, 99];

    public static TheoryData<string, int> Shapes()
    {
        var data = new TheoryData<string, int>();
        foreach (var shape in new[] { "lognormal-narrow", "lognormal-skewed", "bimodal-even", "bimodal-tail-10", "bimodal-tail-3", "log-uniform-wide" })
        {
            for (var seed = 1; seed <= 5; seed++)
            {
                data.Add(shape, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Compress_Shape_PercentilesWithinOnePercentAndEverySampleOnce(string shape, int seed)
    {
        var histogram = Histogram(shape, seed, samples: 20_000);

        var data = DistributionCompressor.Compress(histogram);

        Assert.All(data, d => Assert.InRange(d.Values.Count, 1, DistributionCompressor.MaxValuesPerDatum));
        Assert.All(data, d => Assert.Equal(d.Values.Count, d.Counts.Count));
        Assert.Equal(histogram.TotalCount, data.Sum(d => d.SampleCount));
        foreach (var p in Percentiles)
        {
            var ours = histogram.GetValueAtPercentile(p) / 1000.0;
            var published = DistributionCompressor.Percentile(data, p);
            Assert.True(Math.Abs(published / ours - 1) <= 0.01, $"{shape} seed {seed} p{p}: ours {ours:0.000} ms, from the published values {published:0.000} ms");
        }
    }

    [Fact]
    public void Compress_WiderThanOneDatum_SplitIntoSeveralThatReadBackTheSame()
    {
        var histogram = Histogram("log-uniform-wide", 1, samples: 50_000);

        var data = DistributionCompressor.Compress(histogram);
        var small = DistributionCompressor.Compress(histogram, maxValuesPerDatum: 10);

        Assert.True(data.Count >= 2, $"1 ms to 60 s needs more than 150 bins of 1.7%: {data.Count} datum(s)");
        Assert.All(small, d => Assert.InRange(d.Values.Count, 1, 10));
        Assert.Equal(data.Sum(d => d.Values.Count), small.Sum(d => d.Values.Count));
        foreach (var p in Percentiles)
        {
            Assert.Equal(DistributionCompressor.Percentile(data, p), DistributionCompressor.Percentile(small, p));
        }
    }

    [Fact]
    public void Compress_ValuesAscendingAndDistinct_InMilliseconds()
    {
        var histogram = new LongHistogram(3_600_000_000, 3);
        histogram.RecordValueWithCount(0, 2);
        histogram.RecordValueWithCount(40_000, 5);
        histogram.RecordValueWithCount(40_100, 5);
        histogram.RecordValueWithCount(400_000, 1);

        var datum = Assert.Single(DistributionCompressor.Compress(histogram));

        Assert.Equal(0, datum.Values[0]);
        Assert.Equal(2, datum.Counts[0]);
        Assert.Equal(datum.Values.Order().Distinct(), datum.Values);
        Assert.InRange(datum.Values[1], 40 * 0.99, 40.1 * 1.01); // 40.0 and 40.1 ms share a bin of 1.7%
        Assert.Equal(10, datum.Counts[1]);
        Assert.InRange(datum.Values[^1], 400 * 0.99, 400 * 1.01);
    }

    [Fact]
    public void Compress_Empty_NoData_AndPercentileNaN()
    {
        var data = DistributionCompressor.Compress(new LongHistogram(3_600_000_000, 3));

        Assert.Empty(data);
        Assert.True(double.IsNaN(DistributionCompressor.Percentile(data, 50)));
    }

    /// <summary>µs samples of a shape: latency-like lognormals, two modes with the second holding half, 10% or 3%
    /// of the samples (so p90, p95 or p99 sit next to the gap), and log-uniform over 1 ms to 60 s.</summary>
    private static LongHistogram Histogram(string shape, int seed, int samples)
    {
        var random = new Random(seed);
        var histogram = new LongHistogram(3_600_000_000, 3);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double LogNormalMs(double medianMs, double sigma) => medianMs * Math.Exp(sigma * Normal());
        for (var i = 0; i < samples; i++)
        {
            var ms = shape switch
            {
                "lognormal-narrow" => LogNormalMs(42, 0.05),
                "lognormal-skewed" => LogNormalMs(300, 0.9),
                "bimodal-even" => random.NextDouble() < 0.5 ? LogNormalMs(40, 0.1) : LogNormalMs(400, 0.1),
                "bimodal-tail-10" => random.NextDouble() < 0.9 ? LogNormalMs(40, 0.1) : LogNormalMs(1_100, 0.2),
                "bimodal-tail-3" => random.NextDouble() < 0.97 ? LogNormalMs(40, 0.1) : LogNormalMs(3_000, 0.3),
                "log-uniform-wide" => Math.Exp(random.NextDouble() * Math.Log(60_000)),
                _ => throw new ArgumentOutOfRangeException(nameof(shape)),
            };
            histogram.RecordValue(Math.Max(1, (long)(ms * 1000)));
        }

        return histogram;
    }
}

using BenchmarkDotNet.Attributes;
using Latency.Reports.Statistics;

namespace Latency.Micro.Statistics;

/// <summary>
/// One speed-gain comparison of the study report: <see cref="QuantileRatioBootstrap.Estimate(HistogramBuckets, HistogramBuckets, IReadOnlyList{double})"/>
/// at p50/p95/p99 with the default 2,000 replicates, on two histograms shaped like a 100-million-request study's
/// session times (about 1,500 non-empty buckets and 2.4 million values per side). The report runs 42 of these, so
/// this times the share of the 10 s report budget the gain intervals take.
/// </summary>
[MemoryDiagnoser]
public class QuantileRatioBootstrapBenchmarks
{
    private const int Buckets = 1_500;
    private const long ValuesPerSide = 2_400_000;
    private readonly QuantileRatioBootstrap _bootstrap = new();
    private HistogramBuckets _origin = null!;
    private HistogramBuckets _inRegion = null!;

    [GlobalSetup]
    public void Setup()
    {
        _origin = LogNormalBuckets(Math.Log(400_000), 0.6);
        _inRegion = LogNormalBuckets(Math.Log(150_000), 0.4);
    }

    [Benchmark]
    public IReadOnlyList<GainEstimate> EstimateReportQuantiles() =>
        _bootstrap.Estimate(_origin, _inRegion, QuantileRatioBootstrap.ReportProbabilities);

    /// <summary>
    /// A lognormal discretised on <see cref="Buckets"/> values evenly spaced in log over ±4σ, each with its share of
    /// <see cref="ValuesPerSide"/> (at least one, so every bucket is non-empty as in a recorded histogram).
    /// </summary>
    private static HistogramBuckets LogNormalBuckets(double mu, double sigma)
    {
        const double span = 8;
        var step = span / Buckets;
        var buckets = new (double Value, long Count)[Buckets];
        for (var i = 0; i < Buckets; i++)
        {
            var z = -span / 2 + (i + 0.5) * step;
            var density = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI);
            buckets[i] = (Math.Round(Math.Exp(mu + sigma * z)), Math.Max(1, (long)Math.Round(ValuesPerSide * density * step)));
        }

        return HistogramBuckets.From(buckets);
    }
}

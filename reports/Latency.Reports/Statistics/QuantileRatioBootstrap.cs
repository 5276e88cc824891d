using HdrHistogram;

namespace Latency.Reports.Statistics;

/// <summary>
/// Speed gain = origin quantile / in-region quantile, with a percentile bootstrap confidence interval (Efron &amp;
/// Tibshirani 1993, "An Introduction to the Bootstrap", ch. 13): each replicate resamples both histograms
/// independently, takes the ratio of the two resamples' quantiles (Hyndman &amp; Fan definition 7), and the interval is
/// the α/2 and 1 - α/2 quantiles of the replicate ratios. The same replicates also give the 80% interval and the share
/// of replicates in which the in-region deployment was faster, so the three figures cannot disagree. A replicate draws only the resample's order statistics the
/// quantiles need (<see cref="BootstrapQuantileSampler"/>, exactly distributed as resampling the values), so its cost
/// grows with the log of the buckets, not with the buckets. Seeded: the same inputs and seed give the same interval on
/// every machine.
/// </summary>
public sealed record QuantileRatioBootstrap
{
    /// <summary>The quantiles the report shows the gain at.</summary>
    public static readonly IReadOnlyList<double> ReportProbabilities = [0.5, 0.95, 0.99];

    /// <summary>Bootstrap replicates; 2,000 keeps the Monte Carlo error of a 95% percentile bound near 1% of the interval's width.</summary>
    public int Replicates { get; init; } = 2_000;

    /// <summary>Seed of the resampling.</summary>
    public int Seed { get; init; } = 20_260_101;

    /// <summary>Confidence level of the interval.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>
    /// Level of the narrower interval every estimate also carries (<see cref="GainEstimate.Lower80"/>,
    /// <see cref="GainEstimate.Upper80"/>): charts draw it thick inside the thin <see cref="ConfidenceLevel"/> one.
    /// </summary>
    public const double InnerConfidenceLevel = 0.8;

    /// <summary>A copy with <paramref name="replicates"/> replicates.</summary>
    public QuantileRatioBootstrap WithReplicates(int replicates) => this with { Replicates = replicates };

    /// <summary>A copy with <paramref name="seed"/>.</summary>
    public QuantileRatioBootstrap WithSeed(int seed) => this with { Seed = seed };

    /// <summary>Gains at <see cref="ReportProbabilities"/> (p50, p95, p99).</summary>
    public IReadOnlyList<GainEstimate> Estimate(HistogramBase origin, HistogramBase inRegion) =>
        Estimate(HistogramBuckets.From(origin), HistogramBuckets.From(inRegion), ReportProbabilities);

    /// <summary>
    /// Gains at each of <paramref name="probabilities"/>. All probabilities share the replicates (one pair of resamples
    /// per replicate); the cost is Replicates x (ranks the probabilities need) x log(buckets).
    /// </summary>
    public IReadOnlyList<GainEstimate> Estimate(HistogramBuckets origin, HistogramBuckets inRegion, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(inRegion);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (Replicates < 1 || ConfidenceLevel is <= 0 or >= 1 || probabilities.Any(p => p is <= 0 or >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probabilities), "needs replicates >= 1, confidence level and probabilities in (0, 1)");
        }

        var empty = origin.TotalCount == 0 || inRegion.TotalCount == 0;
        var ratios = probabilities.Select(_ => new double[empty ? 0 : Replicates]).ToArray();
        if (!empty)
        {
            // One random stream for both sides, origin first in every replicate: the seed alone fixes the interval.
            var random = new Random(Seed);
            var originSampler = new BootstrapQuantileSampler(origin, probabilities, random);
            var inRegionSampler = new BootstrapQuantileSampler(inRegion, probabilities, random);
            var originQuantiles = new double[probabilities.Count];
            var inRegionQuantiles = new double[probabilities.Count];
            for (var r = 0; r < Replicates; r++)
            {
                originSampler.Sample(originQuantiles);
                inRegionSampler.Sample(inRegionQuantiles);
                for (var i = 0; i < probabilities.Count; i++)
                {
                    ratios[i][r] = originQuantiles[i] / inRegionQuantiles[i];
                }
            }
        }

        var alpha = 1 - ConfidenceLevel;
        var result = new List<GainEstimate>(probabilities.Count);
        for (var i = 0; i < probabilities.Count; i++)
        {
            var p = probabilities[i];
            var originQuantile = origin.Quantile(p);
            var inRegionQuantile = inRegion.Quantile(p);
            double lower = double.NaN, upper = double.NaN, lower80 = double.NaN, upper80 = double.NaN, shareFaster = double.NaN;
            if (!empty)
            {
                Array.Sort(ratios[i]);
                lower = SortedQuantile(ratios[i], alpha / 2);
                upper = SortedQuantile(ratios[i], 1 - alpha / 2);
                lower80 = SortedQuantile(ratios[i], (1 - InnerConfidenceLevel) / 2);
                upper80 = SortedQuantile(ratios[i], 1 - (1 - InnerConfidenceLevel) / 2);
                shareFaster = (double)ratios[i].Count(r => r > 1) / Replicates;
            }

            result.Add(new GainEstimate
            {
                Probability = p,
                Gain = originQuantile / inRegionQuantile,
                Lower = lower,
                Upper = upper,
                Lower80 = lower80,
                Upper80 = upper80,
                ShareFaster = shareFaster,
                ConfidenceLevel = ConfidenceLevel,
                OriginQuantile = originQuantile,
                InRegionQuantile = inRegionQuantile,
                OriginCount = origin.TotalCount,
                InRegionCount = inRegion.TotalCount,
                TooFewSamples = SampleSizeRule.IsTooFew(origin.TotalCount, p, ConfidenceLevel) || SampleSizeRule.IsTooFew(inRegion.TotalCount, p, ConfidenceLevel),
                Replicates = empty ? 0 : Replicates,
                Seed = Seed,
            });
        }

        return result;
    }

    /// <summary>Hyndman &amp; Fan definition 7 on an ascending array.</summary>
    private static double SortedQuantile(double[] sorted, double probability)
    {
        var h = (sorted.Length - 1) * probability;
        var low = (int)Math.Floor(h);
        return low + 1 >= sorted.Length ? sorted[^1] : sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]);
    }
}

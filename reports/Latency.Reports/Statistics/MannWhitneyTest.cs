using HdrHistogram;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace Latency.Reports.Statistics;

/// <summary>
/// Wilcoxon rank-sum / Mann-Whitney U test (Mann &amp; Whitney 1947, Ann. Math. Statist. 18) of in-region against origin
/// session times, two-sided, with the normal approximation, tie-corrected variance and continuity correction (Lehmann
/// 1975, "Nonparametrics", §1.4): σ² = n₁n₂/12 · (N + 1 − Σ(t³ − t) / (N(N − 1))). Ranks come from the two histograms'
/// buckets merged by value (each bucket's values are ties with its mid-rank), so it is O(buckets) for any n.
/// </summary>
/// <remarks>
/// The normal approximation is accurate for the sample sizes a study records (tens of sessions and up); with fewer
/// than about 10 per side the p-value is approximate. Bucketing at 3 significant digits adds ties, which only makes the
/// test slightly conservative.
/// </remarks>
public static class MannWhitneyTest
{
    /// <summary>Tests <paramref name="inRegion"/> against <paramref name="origin"/> at <paramref name="alpha"/>.</summary>
    public static RankSumResult Test(HistogramBase origin, HistogramBase inRegion, double alpha = 0.05) =>
        Test(HistogramBuckets.From(origin), HistogramBuckets.From(inRegion), alpha);

    /// <summary>Tests <paramref name="inRegion"/> against <paramref name="origin"/> at <paramref name="alpha"/>.</summary>
    public static RankSumResult Test(HistogramBuckets origin, HistogramBuckets inRegion, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(inRegion);
        double n1 = inRegion.TotalCount, n2 = origin.TotalCount;
        if (n1 == 0 || n2 == 0)
        {
            return new RankSumResult
            {
                U = double.NaN, Z = double.NaN, PValue = double.NaN, ProbabilityInRegionFaster = double.NaN, Alpha = alpha,
                Verdict = RankSumResult.NoSignificantDifference, OriginCount = origin.TotalCount, InRegionCount = inRegion.TotalCount,
            };
        }

        // Merge by value; the block of t tied values starting after `below` values has mid-rank below + (t + 1) / 2.
        var a = inRegion.ValueArray;
        var ac = inRegion.CountArray;
        var b = origin.ValueArray;
        var bc = origin.CountArray;
        int i = 0, j = 0;
        double below = 0, rankSum = 0, tieSum = 0;
        while (i < a.Length || j < b.Length)
        {
            double value = i < a.Length && (j >= b.Length || a[i] <= b[j]) ? a[i] : b[j];
            double inRegionTies = i < a.Length && a[i] == value ? ac[i++] : 0;
            double originTies = j < b.Length && b[j] == value ? bc[j++] : 0;
            var t = inRegionTies + originTies;
            rankSum += inRegionTies * (below + (t + 1) / 2);
            tieSum += (t * t - 1) * t;
            below += t;
        }

        var n = n1 + n2;
        var u = rankSum - n1 * (n1 + 1) / 2;
        var mean = n1 * n2 / 2;
        var variance = n1 * n2 / 12 * (n + 1 - tieSum / (n * (n - 1)));
        double z, p;
        if (variance <= 0)
        {
            // Every value tied: the samples are indistinguishable.
            z = 0;
            p = 1;
        }
        else
        {
            var distance = Math.Max(Math.Abs(u - mean) - 0.5, 0);
            z = Math.Sign(u - mean) * distance / Math.Sqrt(variance);
            p = Math.Min(1, 2 * NormalDistribution.Standard.Cdf(-Math.Abs(z)));
        }

        var verdict = p >= alpha ? RankSumResult.NoSignificantDifference : z < 0 ? RankSumResult.Faster : RankSumResult.Slower;
        return new RankSumResult
        {
            U = u,
            Z = z,
            PValue = p,
            ProbabilityInRegionFaster = 1 - u / (n1 * n2),
            Alpha = alpha,
            Verdict = verdict,
            OriginCount = origin.TotalCount,
            InRegionCount = inRegion.TotalCount,
        };
    }
}

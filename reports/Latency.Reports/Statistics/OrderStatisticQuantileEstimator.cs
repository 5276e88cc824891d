namespace Latency.Reports.Statistics;

/// <summary>
/// Quantile with a distribution-free confidence interval from order statistics (Hahn &amp; Meeker 1991, "Statistical
/// Intervals", §5.2; also Conover 1999 §3.2): the number B of samples below the true p-quantile is Binomial(n, p), so
/// [x(l), x(u)] covers it with probability P(l &lt;= B &lt; u). Ranks are chosen with equal tails (at most α/2 each;
/// when one tail cannot reach α/2, the other gets what is left), exactly from the binomial for n &lt;= 100,000 and from
/// its normal approximation above. Point estimate: Hyndman &amp; Fan definition 7.
/// </summary>
/// <remarks>
/// Used for histograms too large for Perfolizer's Harrell-Davis/Maritz-Jarrett, which needs one array entry per value
/// (its weighted samples are for decaying weights, not for counts). Works on the bucketed CDF in O(buckets + min(n,
/// 100,000)). Ties (values in one bucket) make the interval conservative, never narrower.
/// </remarks>
public static class OrderStatisticQuantileEstimator
{
    /// <summary>Above this many values the ranks come from the normal approximation to the binomial.</summary>
    public const long ExactRankLimit = 100_000;

    /// <summary>The <paramref name="probability"/>-quantile of <paramref name="buckets"/> with its confidence interval.</summary>
    public static QuantileEstimate Estimate(HistogramBuckets buckets, double probability, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var n = buckets.TotalCount;
        var tooFew = SampleSizeRule.IsTooFew(n, probability, confidenceLevel);
        const string method = "order statistics, binomial (Hahn & Meeker 1991)";
        if (n == 0)
        {
            return new QuantileEstimate
            {
                Probability = probability, Estimate = double.NaN, Lower = double.NaN, Upper = double.NaN,
                ConfidenceLevel = confidenceLevel, Count = 0, TooFewSamples = true, Method = method,
            };
        }

        var (lowerRank, upperRank) = Ranks(n, probability, confidenceLevel);
        return new QuantileEstimate
        {
            Probability = probability,
            Estimate = buckets.Quantile(probability),
            Lower = buckets.OrderStatistic(lowerRank),
            Upper = buckets.OrderStatistic(upperRank),
            ConfidenceLevel = confidenceLevel,
            Count = n,
            TooFewSamples = tooFew,
            Method = method,
        };
    }

    /// <summary>1-based ranks (l, u) of the order statistics bounding the interval, 1 &lt;= l &lt;= u &lt;= n.</summary>
    public static (long Lower, long Upper) Ranks(long n, double probability, double confidenceLevel = 0.95)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "needs at least one value");
        }

        var alpha = 1 - confidenceLevel;
        if (n > ExactRankLimit)
        {
            var z = Perfolizer.Mathematics.Distributions.ContinuousDistributions.NormalDistribution.Standard.Quantile(1 - alpha / 2);
            var sd = Math.Sqrt(n * probability * (1 - probability));
            var l = (long)Math.Floor(n * probability - z * sd);
            var u = (long)Math.Ceiling(n * probability + z * sd) + 1;
            return (Math.Clamp(l, 1, n), Math.Clamp(u, 1, n));
        }

        // cdf[k] = P(B <= k), B ~ Binomial(n, p), from the pmf in log space (no underflow at p99 and n = 100,000).
        var cdf = new double[n + 1];
        var logPmf = n * Math.Log(1 - probability);
        var logOdds = Math.Log(probability / (1 - probability));
        var sum = 0.0;
        for (var k = 0L; k <= n; k++)
        {
            sum += Math.Exp(logPmf);
            cdf[k] = Math.Min(sum, 1);
            logPmf += Math.Log((double)(n - k) / (k + 1)) + logOdds;
        }

        // P(x(l) > q) = P(B <= l - 1); P(x(u) < q) = P(B >= u) = 1 - cdf[u - 1].
        double LowerTail(long l) => cdf[l - 1];
        double UpperTail(long u) => 1 - cdf[u - 1];
        long LowerRank(double budget)
        {
            var l = 1L;
            while (l < n && LowerTail(l + 1) <= budget)
            {
                l++;
            }

            return l;
        }

        long UpperRank(double budget)
        {
            var u = n;
            while (u > 1 && UpperTail(u - 1) <= budget)
            {
                u--;
            }

            return u;
        }

        var lower = LowerRank(alpha / 2);
        var upper = UpperRank(alpha / 2);
        // One tail cannot get down to alpha/2 (e.g. p99 with a few hundred values): give the other tail the rest.
        if (LowerTail(lower) > alpha / 2)
        {
            upper = UpperRank(Math.Max(alpha - LowerTail(lower), 0));
        }
        else if (UpperTail(upper) > alpha / 2)
        {
            lower = LowerRank(Math.Max(alpha - UpperTail(upper), 0));
        }

        return (lower, Math.Max(lower, upper));
    }
}

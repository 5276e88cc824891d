namespace Latency.Reports.Statistics;

/// <summary>
/// The fewest samples a quantile needs for a distribution-free confidence interval to exist (Hahn &amp; Meeker 1991,
/// "Statistical Intervals", §5.2): the widest interval from order statistics, [x(1), x(n)], covers the p-quantile with
/// probability 1 - p^n - (1 - p)^n, so the level is reachable only when p^n + (1 - p)^n &lt;= 1 - level.
/// At 95%: the median needs 6 samples, p95 needs 59, p99 needs 299.
/// </summary>
public static class SampleSizeRule
{
    /// <summary>The smallest n with p^n + (1 - p)^n &lt;= 1 - <paramref name="confidenceLevel"/>.</summary>
    public static long MinimumCount(double probability, double confidenceLevel = 0.95)
    {
        if (probability is <= 0 or >= 1 || confidenceLevel is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), "probability and confidence level must be in (0, 1)");
        }

        var alpha = 1 - confidenceLevel;
        var n = 1L;
        // Monotone in n; the loop ends within about ln(alpha) / ln(max(p, 1 - p)) steps (299 for p99 at 95%).
        while (Math.Pow(probability, n) + Math.Pow(1 - probability, n) > alpha)
        {
            n++;
        }

        return n;
    }

    /// <summary>True when <paramref name="count"/> is below <see cref="MinimumCount"/>.</summary>
    public static bool IsTooFew(long count, double probability, double confidenceLevel = 0.95) =>
        count < MinimumCount(probability, confidenceLevel);
}

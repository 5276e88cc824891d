using HdrHistogram;

namespace Latency.Reports.Statistics;

/// <summary>
/// The report's quantile with confidence interval: Harrell-Davis with Maritz-Jarrett (<see cref="HarrellDavisQuantileWithCi"/>,
/// Perfolizer) up to <see cref="HarrellDavisQuantileWithCi.MaxCount"/> values, the binomial order-statistic interval
/// (<see cref="OrderStatisticQuantileEstimator"/>, Hahn &amp; Meeker 1991) above, where the two agree closely and
/// expanding the histogram would cost time and memory. Not an estimator itself: it picks one.
/// </summary>
public static class QuantileEstimator
{
    /// <summary>Estimates the <paramref name="probability"/>-quantile of <paramref name="histogram"/>.</summary>
    public static QuantileEstimate Estimate(HistogramBase histogram, double probability, double confidenceLevel = 0.95) =>
        Estimate(HistogramBuckets.From(histogram), probability, confidenceLevel);

    /// <summary>Estimates the <paramref name="probability"/>-quantile of <paramref name="buckets"/>.</summary>
    public static QuantileEstimate Estimate(HistogramBuckets buckets, double probability, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (probability is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "must be in (0, 1)");
        }

        return buckets.TotalCount <= HarrellDavisQuantileWithCi.MaxCount
            ? HarrellDavisQuantileWithCi.Estimate(buckets, probability, confidenceLevel)
            : OrderStatisticQuantileEstimator.Estimate(buckets, probability, confidenceLevel);
    }
}

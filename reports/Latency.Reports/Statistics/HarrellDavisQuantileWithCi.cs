using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;

namespace Latency.Reports.Statistics;

/// <summary>
/// Harrell-Davis quantile (Harrell &amp; Davis 1982, "A new distribution-free quantile estimator", Biometrika 69) with the
/// Maritz-Jarrett confidence interval (Maritz &amp; Jarrett 1978, JASA 73), both from Perfolizer 0.6.1
/// (<see cref="HarrellDavisQuantileEstimator"/>). Smoother and more efficient than a single order statistic for small
/// samples, which is where it is used.
/// </summary>
/// <remarks>
/// Perfolizer needs one array entry per value: its weighted samples use Kish's effective size (meant for decaying
/// weights), which for counts would understate n, and the Maritz-Jarrett interval rejects weighted samples. So this
/// estimator expands the histogram and refuses more than <see cref="MaxCount"/> values; larger histograms go to
/// <see cref="OrderStatisticQuantileEstimator"/>.
/// </remarks>
public static class HarrellDavisQuantileWithCi
{
    /// <summary>Largest histogram expanded into values (80 KB of doubles).</summary>
    public const long MaxCount = 10_000;

    /// <summary>The <paramref name="probability"/>-quantile of <paramref name="buckets"/> with its Maritz-Jarrett interval.</summary>
    public static QuantileEstimate Estimate(HistogramBuckets buckets, double probability, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var n = buckets.TotalCount;
        if (n > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(buckets), $"{n} values: more than {MaxCount}; use {nameof(OrderStatisticQuantileEstimator)}");
        }

        const string method = "Harrell-Davis with Maritz-Jarrett interval (Perfolizer)";
        if (n == 0)
        {
            return new QuantileEstimate
            {
                Probability = probability, Estimate = double.NaN, Lower = double.NaN, Upper = double.NaN,
                ConfidenceLevel = confidenceLevel, Count = 0, TooFewSamples = true, Method = method,
            };
        }

        var values = new double[n];
        var at = 0;
        for (var i = 0; i < buckets.Values.Count; i++)
        {
            Array.Fill(values, buckets.Values[i], at, (int)buckets.Counts[i]);
            at += (int)buckets.Counts[i];
        }

        var sample = new Sample(values);
        var estimator = HarrellDavisQuantileEstimator.Instance;
        var estimate = estimator.Quantile(sample, probability).NominalValue;
        double lower = estimate, upper = estimate;
        if (n > 1)
        {
            var interval = estimator.QuantileConfidenceIntervalEstimator(sample, probability).ConfidenceInterval(new ConfidenceLevel(confidenceLevel));
            // A normal-theory interval can reach below the smallest value; latencies cannot.
            lower = Math.Max(interval.Lower, values[0]);
            upper = Math.Min(interval.Upper, values[^1]);
        }

        return new QuantileEstimate
        {
            Probability = probability,
            Estimate = estimate,
            Lower = lower,
            Upper = upper,
            ConfidenceLevel = confidenceLevel,
            Count = n,
            TooFewSamples = SampleSizeRule.IsTooFew(n, probability, confidenceLevel),
            Method = method,
        };
    }
}

using HdrHistogram;

namespace Latency.Reports.Statistics;

/// <summary>
/// A histogram as its non-empty buckets: ascending values with their counts. Every estimator in this folder works on
/// these (O(buckets)), never on one array entry per recorded value, so 100 million merged values cost what a few
/// thousand buckets cost.
/// </summary>
/// <remarks>
/// Each bucket's value is HdrHistogram's median equivalent value: the middle of the range of values the bucket stands
/// for (exact below 2,048 µs at 3 significant digits, within 0.05% above). Quantiles are thus off by at most half a
/// bucket, which is well inside any confidence interval reported here.
/// </remarks>
public sealed class HistogramBuckets
{
    private HistogramBuckets(double[] values, long[] counts, long totalCount)
    {
        Values = values;
        Counts = counts;
        TotalCount = totalCount;
    }

    /// <summary>Bucket values, strictly ascending (µs when read from a run directory).</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>Counts, one per value, each &gt; 0.</summary>
    public IReadOnlyList<long> Counts { get; }

    /// <summary>Number of recorded values (sum of <see cref="Counts"/>).</summary>
    public long TotalCount { get; }

    internal double[] ValueArray => (double[])Values;

    internal long[] CountArray => (long[])Counts;

    /// <summary>The non-empty buckets of <paramref name="histogram"/>.</summary>
    public static HistogramBuckets From(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var values = new List<double>();
        var counts = new List<long>();
        long total = 0;
        foreach (var bucket in histogram.RecordedValues())
        {
            values.Add(histogram.MedianEquivalentValue(bucket.ValueIteratedTo));
            counts.Add(bucket.CountAtValueIteratedTo);
            total += bucket.CountAtValueIteratedTo;
        }

        return new HistogramBuckets(values.ToArray(), counts.ToArray(), total);
    }

    /// <summary>Buckets from (value, count) pairs, e.g. for tests; pairs are sorted and equal values merged.</summary>
    public static HistogramBuckets From(IEnumerable<(double Value, long Count)> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var merged = new SortedDictionary<double, long>();
        foreach (var (value, count) in buckets)
        {
            if (count < 0 || double.IsNaN(value))
            {
                throw new ArgumentException($"bucket ({value}, {count}): counts must be >= 0 and values numbers", nameof(buckets));
            }

            if (count > 0)
            {
                merged[value] = merged.GetValueOrDefault(value) + count;
            }
        }

        return new HistogramBuckets(merged.Keys.ToArray(), merged.Values.ToArray(), merged.Values.Sum());
    }

    /// <summary>
    /// The sample quantile at <paramref name="probability"/>, Hyndman &amp; Fan (1996) definition 7 (linear between the
    /// order statistics at rank h = (n - 1) p + 1; R's and NumPy's default). NaN when empty.
    /// </summary>
    public double Quantile(double probability) => Quantile(ValueArray, CountArray, TotalCount, probability);

    /// <summary>The order statistic x(rank), 1-based: the value of the bucket where the cumulative count reaches it.</summary>
    public double OrderStatistic(long rank) => OrderStatistic(ValueArray, CountArray, rank);

    internal static double Quantile(double[] values, long[] counts, long n, double probability)
    {
        if (n == 0)
        {
            return double.NaN;
        }

        var h = (n - 1) * probability + 1;
        var low = (long)Math.Floor(h);
        var fraction = h - low;
        var lowValue = OrderStatistic(values, counts, low);
        return fraction == 0 || low >= n ? lowValue : lowValue + fraction * (OrderStatistic(values, counts, low + 1) - lowValue);
    }

    internal static double OrderStatistic(double[] values, long[] counts, long rank)
    {
        long cumulative = 0;
        for (var i = 0; i < values.Length; i++)
        {
            cumulative += counts[i];
            if (cumulative >= rank)
            {
                return values[i];
            }
        }

        return values.Length == 0 ? double.NaN : values[^1];
    }
}

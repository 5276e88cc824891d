using HdrHistogram;

namespace Latency.Reports.Publish;

/// <summary>
/// Turns an HdrHistogram into CloudWatch Values/Counts: its samples grouped into logarithmic bins whose every value
/// lies within <see cref="RelativeError"/> of the bin's representative, so any percentile computed from the published
/// values (nearest rank, as HdrHistogram computes ours) is within that much of ours; at most
/// <see cref="MaxValuesPerDatum"/> bins per datum, a histogram needing more being split over several data (CloudWatch
/// merges every datum of a metric and period, so the split changes no percentile).
/// </summary>
/// <remarks>
/// <para>Bins: boundaries b_k = q^k with q = (1 + e)/(1 - e), representative b_k (1 + e): a value v in [b_k, b_k q)
/// is then within e of the representative (rep / v lies in (1 - e, 1 + e]). HdrHistogram reports a percentile as its
/// bucket's highest equivalent value, up to 0.1% above the value it iterated to (3 significant digits), so e is
/// 0.85%: the two together stay under 1%. Over 1 ms to 60 s that is at most 650 bins; a run's minute of one row holds
/// far fewer non-empty ones (a few dozen for the default study), so one datum almost always suffices.</para>
/// <para>Written by hand: neither HdrHistogram nor any served package maps a histogram to CloudWatch's 150-value
/// form with an error bound.</para>
/// </remarks>
public static class DistributionCompressor
{
    /// <summary>PutMetricData's limit on values (and counts) per datum.</summary>
    public const int MaxValuesPerDatum = 150;

    /// <summary>The largest relative distance between a published value and the samples it stands for.</summary>
    public const double RelativeError = 0.0085;

    private static readonly double LogBinRatio = Math.Log((1 + RelativeError) / (1 - RelativeError));

    /// <summary>
    /// The data for <paramref name="histogram"/>'s samples: one or more, each with at most
    /// <paramref name="maxValuesPerDatum"/> values, together holding every sample once; empty for an empty histogram.
    /// </summary>
    /// <param name="histogram">The samples (µs in a run directory).</param>
    /// <param name="unitsPerValue">Histogram units per published unit (1,000 for µs published as milliseconds).</param>
    /// <param name="maxValuesPerDatum">Values per datum at most (CloudWatch's limit by default; smaller in tests).</param>
    public static IReadOnlyList<MetricDistribution> Compress(HistogramBase histogram, double unitsPerValue = 1000,
        int maxValuesPerDatum = MaxValuesPerDatum)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(unitsPerValue);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxValuesPerDatum);
        var bins = new SortedDictionary<long, double>();
        var zeros = 0L;
        foreach (var bucket in histogram.RecordedValues())
        {
            var value = bucket.ValueIteratedTo;
            if (value <= 0)
            {
                zeros += bucket.CountAtValueIteratedTo; // a 0 µs sample: published as 0, exactly
                continue;
            }

            var bin = (long)Math.Floor(Math.Log(value) / LogBinRatio);
            bins[bin] = bins.GetValueOrDefault(bin) + bucket.CountAtValueIteratedTo;
        }

        var pairs = new List<(double Value, double Count)>(bins.Count + 1);
        if (zeros > 0)
        {
            pairs.Add((0, zeros));
        }

        foreach (var (bin, count) in bins)
        {
            pairs.Add((Math.Exp(bin * LogBinRatio) * (1 + RelativeError) / unitsPerValue, count));
        }

        return [.. pairs.Chunk(maxValuesPerDatum).Select(chunk => new MetricDistribution([.. chunk.Select(p => p.Value)], [.. chunk.Select(p => p.Count)]))];
    }

    /// <summary>
    /// The percentile of the samples in <paramref name="data"/> together by HdrHistogram's rule for ours: the smallest
    /// value with at least round(<paramref name="percentile"/>% of the samples) (and at least one) at or below it; NaN
    /// when there are none. How the published figures read back, for tests and for <c>--dry-run</c>'s check.
    /// </summary>
    /// <param name="data">Data of one metric and period.</param>
    /// <param name="percentile">0 to 100.</param>
    public static double Percentile(IEnumerable<MetricDistribution> data, double percentile)
    {
        ArgumentNullException.ThrowIfNull(data);
        var merged = data.SelectMany(d => d.Values.Zip(d.Counts)).GroupBy(p => p.First).OrderBy(g => g.Key)
            .Select(g => (Value: g.Key, Count: g.Sum(p => p.Second))).ToList();
        var total = merged.Sum(p => p.Count);
        if (total <= 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, Math.Floor(Math.Min(percentile, 100) / 100 * total + 0.5));
        double seen = 0;
        foreach (var (value, count) in merged)
        {
            seen += count;
            if (seen >= rank)
            {
                return value;
            }
        }

        return merged[^1].Value;
    }
}

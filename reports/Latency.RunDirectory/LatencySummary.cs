using HdrHistogram;

namespace Latency.RunDirectory;

/// <summary>
/// A few quantiles of a latency distribution, in whole microseconds, for people and quick checks.
/// The full distribution is in the interval logs; never derive statistics from these numbers alone.
/// </summary>
public sealed record LatencySummary
{
    /// <summary>The summary of an empty distribution.</summary>
    public static readonly LatencySummary Empty = new()
    {
        Count = 0, MinUs = 0, P50Us = 0, P90Us = 0, P95Us = 0, P99Us = 0, P999Us = 0, MaxUs = 0,
    };

    /// <summary>Number of recorded values.</summary>
    public required long Count { get; init; }

    public required long MinUs { get; init; }

    public required long P50Us { get; init; }

    public required long P90Us { get; init; }

    public required long P95Us { get; init; }

    public required long P99Us { get; init; }

    public required long P999Us { get; init; }

    public required long MaxUs { get; init; }

    /// <summary>
    /// Summarizes a histogram whose values are microseconds. Quantiles are HdrHistogram's
    /// <see cref="HistogramBase.GetValueAtPercentile"/> (the highest value equivalent to the quantile's bucket);
    /// the minimum is the lowest value equivalent to the smallest recorded bucket, as in HdrHistogram's Java
    /// <c>getMinValue</c>.
    /// </summary>
    public static LatencySummary From(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return Empty;
        }

        var lowestRecorded = histogram.RecordedValues().First().ValueIteratedTo;
        return new LatencySummary
        {
            Count = histogram.TotalCount,
            MinUs = histogram.LowestEquivalentValue(lowestRecorded),
            P50Us = histogram.GetValueAtPercentile(50),
            P90Us = histogram.GetValueAtPercentile(90),
            P95Us = histogram.GetValueAtPercentile(95),
            P99Us = histogram.GetValueAtPercentile(99),
            P999Us = histogram.GetValueAtPercentile(99.9),
            MaxUs = histogram.GetMaxValue(),
        };
    }
}

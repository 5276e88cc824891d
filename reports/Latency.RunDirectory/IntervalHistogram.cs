using HdrHistogram;

namespace Latency.RunDirectory;

/// <summary>
/// One interval of an interval log as its non-empty buckets. A run holds hundreds of thousands of intervals; as
/// HdrHistogram objects each would take a full 1 us - 1 h counts array (~190 KB), as buckets a few hundred bytes.
/// Add it to a <see cref="HistogramBase"/> with <see cref="AddTo"/>, or make one with <see cref="ToHistogram"/>.
/// </summary>
public sealed class IntervalHistogram
{
    private readonly long[] _values;
    private readonly long[] _counts;

    /// <summary>Creates an interval from its buckets (ascending values, counts &gt; 0, the same length).</summary>
    /// <param name="tag">The tag of the log line (null when untagged).</param>
    /// <param name="startTimeStamp">Start, milliseconds since the Unix epoch.</param>
    /// <param name="endTimeStamp">End, milliseconds since the Unix epoch.</param>
    /// <param name="layout">Lowest discernible value, highest trackable value and significant digits it was recorded with.</param>
    /// <param name="values">Each bucket's lowest equivalent value, ascending.</param>
    /// <param name="counts">Each bucket's count.</param>
    public IntervalHistogram(string? tag, long startTimeStamp, long endTimeStamp, (long Lowest, long Highest, int Digits) layout, long[] values, long[] counts)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(counts);
        if (values.Length != counts.Length)
        {
            throw new ArgumentException($"{values.Length} values but {counts.Length} counts", nameof(counts));
        }

        Tag = tag;
        StartTimeStamp = startTimeStamp;
        EndTimeStamp = endTimeStamp;
        LowestTrackableValue = layout.Lowest;
        HighestTrackableValue = layout.Highest;
        SignificantDigits = layout.Digits;
        _values = values;
        _counts = counts;
        TotalCount = counts.Sum();
    }

    /// <summary>The tag of the log line, or null.</summary>
    public string? Tag { get; }

    /// <summary>Start of the interval, milliseconds since the Unix epoch.</summary>
    public long StartTimeStamp { get; }

    /// <summary>End of the interval, milliseconds since the Unix epoch.</summary>
    public long EndTimeStamp { get; }

    /// <summary>Lowest discernible value of the histogram it was recorded in.</summary>
    public long LowestTrackableValue { get; }

    /// <summary>Highest trackable value of the histogram it was recorded in.</summary>
    public long HighestTrackableValue { get; }

    /// <summary>Significant value digits of the histogram it was recorded in.</summary>
    public int SignificantDigits { get; }

    /// <summary>Number of values recorded in the interval.</summary>
    public long TotalCount { get; }

    /// <summary>Number of non-empty buckets.</summary>
    public int BucketCount => _values.Length;

    /// <summary>The lowest equivalent value of the highest non-empty bucket, or 0 when empty.</summary>
    public long MaxBucketValue => _values.Length == 0 ? 0 : _values[^1];

    /// <summary>The buckets as (lowest equivalent value, count), ascending.</summary>
    public IEnumerable<(long Value, long Count)> Buckets => _values.Zip(_counts);

    /// <summary>
    /// Adds the interval's counts to <paramref name="target"/> (as HdrHistogram's own Add does across layouts: each
    /// bucket's lowest equivalent value with its count). With the same layout this is lossless.
    /// </summary>
    public void AddTo(HistogramBase target)
    {
        ArgumentNullException.ThrowIfNull(target);
        for (var i = 0; i < _values.Length; i++)
        {
            target.RecordValueWithCount(_values[i], _counts[i]);
        }
    }

    /// <summary>A new histogram of the interval's layout holding its counts, tag and time stamps.</summary>
    public HistogramBase ToHistogram()
    {
        var histogram = new LongHistogram(LowestTrackableValue, HighestTrackableValue, SignificantDigits)
        {
            Tag = Tag,
            StartTimeStamp = StartTimeStamp,
            EndTimeStamp = EndTimeStamp,
        };
        AddTo(histogram);
        return histogram;
    }

    /// <summary>The non-empty buckets of <paramref name="histogram"/>, with its tag, time stamps and layout.</summary>
    public static IntervalHistogram From(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var values = new List<long>();
        var counts = new List<long>();
        foreach (var bucket in histogram.RecordedValues())
        {
            values.Add(histogram.LowestEquivalentValue(bucket.ValueIteratedTo));
            counts.Add(bucket.CountAtValueIteratedTo);
        }

        return new IntervalHistogram(histogram.Tag, histogram.StartTimeStamp, histogram.EndTimeStamp,
            (histogram.LowestTrackableValue, histogram.HighestTrackableValue, histogram.NumberOfSignificantValueDigits),
            values.ToArray(), counts.ToArray());
    }
}

using System.Numerics;

namespace Latency.RunDirectory;

/// <summary>
/// HdrHistogram's bucket arithmetic for one (lowest discernible value, highest trackable value, significant digits):
/// counts index to value and back, and the counts array length. HdrHistogram.NET keeps these private; the encoder
/// and decoder of interval log lines need them to skip its per-line full-size arrays.
/// </summary>
internal readonly struct BucketLayout
{
    private readonly int _unitMagnitude;
    private readonly int _subBucketHalfCountMagnitude;
    private readonly int _subBucketHalfCount;
    private readonly long _subBucketMask;
    private readonly int _bucketIndexOffset;

    public BucketLayout(long lowest, long highest, int digits)
    {
        if (!IsSupported(lowest, digits))
        {
            throw new ArgumentOutOfRangeException(nameof(lowest), lowest, $"not an HdrHistogram layout with {digits} significant digits");
        }

        _unitMagnitude = UnitMagnitude(lowest);
        _subBucketHalfCountMagnitude = SubBucketHalfCountMagnitude(digits);
        var subBucketCount = 1 << (_subBucketHalfCountMagnitude + 1);
        _subBucketHalfCount = subBucketCount / 2;
        _subBucketMask = (long)(subBucketCount - 1) << _unitMagnitude;
        _bucketIndexOffset = 64 - _unitMagnitude - (_subBucketHalfCountMagnitude + 1);

        // Buckets needed to cover highest, as HdrHistogram sizes its counts array.
        var smallestUntrackable = (long)subBucketCount << _unitMagnitude;
        var buckets = 1;
        while (smallestUntrackable <= highest)
        {
            if (smallestUntrackable > long.MaxValue / 2)
            {
                buckets++;
                break;
            }

            smallestUntrackable <<= 1;
            buckets++;
        }

        CountsLength = (buckets + 1) * _subBucketHalfCount;
        // HdrHistogram.NET's value iteration sizes a bucket with an int shift (1 << (unit magnitude + bucket index)),
        // which wraps from 31 on: its RecordedValues() then reports wrong values for the top buckets. The engine's
        // 1 us - 1 h layout stops at 21; a layout beyond 30 must not be walked with it.
        RecordedValuesAreExact = _unitMagnitude + buckets - 1 < 31;
    }

    /// <summary>
    /// Whether HdrHistogram can hold a histogram of this lowest discernible value and these digits: 0 to 5 digits,
    /// and at most 62 bits between the unit and the top of the first bucket, as its constructor checks. Beyond that
    /// the shifts of this layout overflow (a corrupt header made the bucket count below loop for ever).
    /// </summary>
    /// <param name="lowest">The lowest discernible value, at least 1.</param>
    /// <param name="digits">The significant digits.</param>
    public static bool IsSupported(long lowest, int digits) =>
        lowest >= 1 && digits is >= 0 and <= 5 && UnitMagnitude(lowest) + SubBucketHalfCountMagnitude(digits) <= 61;

    private static int UnitMagnitude(long lowest) => (int)Math.Floor(Math.Log2(lowest));

    private static int SubBucketHalfCountMagnitude(int digits)
    {
        var largestValueWithSingleUnitResolution = 2 * (long)Math.Pow(10, digits);
        var subBucketCountMagnitude = (int)Math.Ceiling(Math.Log2(largestValueWithSingleUnitResolution));
        return Math.Max(subBucketCountMagnitude, 1) - 1;
    }

    /// <summary>True when HdrHistogram.NET's RecordedValues() reports exact values for every bucket of this layout.</summary>
    public bool RecordedValuesAreExact { get; }

    /// <summary>Length of the histogram's counts array.</summary>
    public int CountsLength { get; }

    /// <summary>The lowest value that lands at <paramref name="index"/>.</summary>
    public long ValueFromIndex(int index)
    {
        var bucketIndex = (index >> _subBucketHalfCountMagnitude) - 1;
        var subBucketIndex = (index & (_subBucketHalfCount - 1)) + _subBucketHalfCount;
        if (bucketIndex < 0)
        {
            subBucketIndex -= _subBucketHalfCount;
            bucketIndex = 0;
        }

        return (long)subBucketIndex << (bucketIndex + _unitMagnitude);
    }

    /// <summary>The counts index <paramref name="value"/> is recorded at.</summary>
    public int IndexOf(long value)
    {
        var bucketIndex = _bucketIndexOffset - BitOperations.LeadingZeroCount((ulong)(value | _subBucketMask));
        var subBucketIndex = (int)(value >> (bucketIndex + _unitMagnitude));
        return ((bucketIndex + 1) << _subBucketHalfCountMagnitude) + (subBucketIndex - _subBucketHalfCount);
    }
}

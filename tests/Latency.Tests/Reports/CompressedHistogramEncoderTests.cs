using HdrHistogram;
using HdrHistogram.Utilities;
using Latency.RunDirectory;
using Xunit;

namespace Latency.Tests.Reports;

public sealed class CompressedHistogramEncoderTests
{
    /// <summary>The decoder tests' layouts that HdrHistogram.NET's value iteration walks exactly (BucketLayout).</summary>
    public static TheoryData<long, long, int> ExactLayouts()
    {
        var exact = new TheoryData<long, long, int>();
        foreach (var row in CompressedHistogramDecoderTests.Layouts)
        {
            var (lowest, highest, digits) = ((long)row[0], (long)row[1], (int)row[2]);
            if (new BucketLayout(lowest, highest, digits).RecordedValuesAreExact)
            {
                exact.Add(lowest, highest, digits);
            }
        }

        return exact;
    }

    [Theory]
    [MemberData(nameof(ExactLayouts))]
    public void Encode_RandomHistograms_HdrHistogramsDecoderReadsTheSameBuckets(long lowest, long highest, int digits)
    {
        // A fixed seed per layout (HashCode.Combine is randomized per process).
        var random = new Random((int)((lowest * 17 + highest % 999_983 + digits) & 0x7fffffff));
        var encoder = new CompressedHistogramEncoder();
        for (var round = 0; round < 50; round++)
        {
            var histogram = new LongHistogram(lowest, highest, digits);
            var values = random.Next(0, 300);
            for (var i = 0; i < values; i++)
            {
                // Log-uniform values over the whole range; counts up to beyond 2^56 (the 9-byte LEB128 word).
                var value = (long)Math.Min(highest, Math.Exp(random.NextDouble() * Math.Log(highest)));
                var count = random.Next(8) == 0 ? random.NextInt64(1, 1L << 60) / Math.Max(1, values) : random.Next(1, 1_000);
                histogram.RecordValueWithCount(Math.Max(value, lowest), count);
            }

            var payload = encoder.Encode(histogram);

            var decoded = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(Convert.FromBase64String(payload)), 0);
            Assert.Equal(Buckets(histogram), Buckets(decoded));
            Assert.Equal((lowest, highest, digits), (decoded.LowestTrackableValue, decoded.HighestTrackableValue, decoded.NumberOfSignificantValueDigits));
            Assert.Equal(Buckets(histogram), Buckets(CompressedHistogramDecoder.Decode(payload, null, 0, 0).ToHistogram()));
        }
    }

    [Fact]
    public void Encode_LayoutBeyondExactIteration_HdrHistogramsOwnEncoding()
    {
        // 1 us units up to 1,000 h: the top buckets' shifts pass 30, where HdrHistogram.NET's value iteration wraps
        // (and its own round trip loses values); the encoder leaves such layouts to HdrHistogram's encoder.
        var histogram = new LongHistogram(1_000, 3_600_000_000_000, 3);
        Assert.False(new BucketLayout(1_000, 3_600_000_000_000, 3).RecordedValuesAreExact);
        histogram.RecordValueWithCount(5_000, 3);
        histogram.RecordValueWithCount(2_000_000_000, 2);

        Assert.Equal(CompressedHistogramEncoder.EncodeWithHdrHistogram(histogram), new CompressedHistogramEncoder().Encode(histogram));
    }

    [Fact]
    public void Encode_EngineHistogram_AFewHundredBytesNotTheWholeRange()
    {
        var histogram = new LongHistogram(RunDirectoryReader.LowestTrackableValueUs, RunDirectoryReader.HighestTrackableValueUs, RunDirectoryReader.SignificantDigits);
        for (var i = 0; i < 24; i++)
        {
            histogram.RecordValueWithCount(100_000 + i * 5_000, 10);
        }

        var payload = new CompressedHistogramEncoder().Encode(histogram);

        // 24 counts and the zero runs between them; HdrHistogram.NET's encoding of the same is ~190 KB before compression.
        Assert.InRange(Convert.FromBase64String(payload).Length, 40, 400);
    }

    [Fact]
    public void Encode_Empty_DecodesEmpty()
    {
        var histogram = new LongHistogram(1, 3_600_000_000, 3);

        var payload = new CompressedHistogramEncoder().Encode(histogram);

        var decoded = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(Convert.FromBase64String(payload)), 0);
        Assert.Equal(0, decoded.TotalCount);
    }

    private static List<(long Value, long Count)> Buckets(HistogramBase histogram) =>
        histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)).ToList();
}

using HdrHistogram;
using HdrHistogram.Utilities;
using Latency.Reports.RunDirectory;
using Xunit;

namespace Latency.Tests.Reports;

public sealed class CompressedHistogramEncoderTests
{
    [Theory]
    [MemberData(nameof(CompressedHistogramDecoderTests.Layouts), MemberType = typeof(CompressedHistogramDecoderTests))]
    public void Encode_RandomHistograms_HdrHistogramsDecoderReadsTheSameBuckets(long lowest, long highest, int digits)
    {
        var random = new Random(HashCode.Combine(digits, highest, lowest) & 0x7fffffff);
        var encoder = new CompressedHistogramEncoder();
        // Where HdrHistogram.NET's value iteration is not exact (BucketLayout), the encoder hands over to HdrHistogram's
        // own encoder, which then loses values in the top buckets itself: values there stay below 2^40.
        var top = new BucketLayout(lowest, highest, digits).RecordedValuesAreExact ? highest : Math.Min(highest, 1L << 40);
        for (var round = 0; round < 50; round++)
        {
            var histogram = new LongHistogram(lowest, highest, digits);
            var values = random.Next(0, 300);
            for (var i = 0; i < values; i++)
            {
                // Log-uniform values over the whole range; counts up to beyond 2^56 (the 9-byte LEB128 word).
                var value = (long)Math.Min(top, Math.Exp(random.NextDouble() * Math.Log(top)));
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

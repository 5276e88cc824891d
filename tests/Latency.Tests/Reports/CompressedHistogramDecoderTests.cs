using System.Buffers.Binary;
using System.IO.Compression;
using HdrHistogram;
using HdrHistogram.Utilities;
using Latency.RunDirectory;
using Xunit;

namespace Latency.Tests.Reports;

public sealed class CompressedHistogramDecoderTests
{
    public static TheoryData<long, long, int> Layouts => new()
    {
        { 1, 3_600_000_000, 3 }, // the engine's recorders
        { 1, 2, 0 },
        { 1, 10_000, 2 },
        { 1_000, 3_600_000_000_000, 3 }, // nanoseconds, unit above 1
        { 1, long.MaxValue / 2, 5 },
        { 7, 1_000_000, 4 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Decode_RandomHistograms_SameBucketsAsHdrHistogramsDecoder(long lowest, long highest, int digits)
    {
        // A fixed seed per layout (HashCode.Combine is randomized per process).
        var random = new Random((int)((lowest * 31 + highest % 1_000_003 + digits) & 0x7fffffff));
        // Five rounds for the widest layout: its counts array holds millions of buckets, and each round allocated and
        // zero-padded them (20 s of the unit suite for 50 rounds); five still cover every word width of the encoding.
        var rounds = new LongHistogram(lowest, highest, digits).GetEstimatedFootprintInBytes() > 16_000_000 ? 5 : 50;
        for (var round = 0; round < rounds; round++)
        {
            var histogram = new LongHistogram(lowest, highest, digits);
            var values = random.Next(0, 300);
            for (var i = 0; i < values; i++)
            {
                // Log-uniform values over the whole range, counts from 1 to beyond 2^32 (the 9-byte LEB128 word).
                var value = (long)Math.Min(highest, Math.Exp(random.NextDouble() * Math.Log(highest)));
                var count = random.Next(4) == 0 ? random.NextInt64(1, 1L << 40) : random.Next(1, 1_000);
                histogram.RecordValueWithCount(Math.Max(value, lowest), count);
            }

            // HdrHistogram.NET's own encoding, with its zero padding up to the whole range.
            var payload = HistogramSamples.LibraryPayload(histogram);

            var decoded = CompressedHistogramDecoder.Decode(payload, "s/-/corrected", 1_000, 2_000);
            var expected = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(Convert.FromBase64String(payload)), 0);

            Assert.Equal(Buckets(expected), Buckets(decoded.ToHistogram()));
            Assert.Equal(expected.TotalCount, decoded.TotalCount);
            Assert.Equal((lowest, highest, digits), (decoded.LowestTrackableValue, decoded.HighestTrackableValue, decoded.SignificantDigits));
            Assert.Equal(("s/-/corrected", 1_000L, 2_000L), (decoded.Tag, decoded.StartTimeStamp, decoded.EndTimeStamp));
        }
    }

    [Fact]
    public void Decode_AddedToATotal_EqualsHdrHistogramsAdd()
    {
        var random = new Random(7);
        var total = NewEngineHistogram();
        var expected = NewEngineHistogram();
        for (var interval = 0; interval < 20; interval++)
        {
            var histogram = NewEngineHistogram();
            for (var i = 0; i < 500; i++)
            {
                histogram.RecordValue(random.NextInt64(1, 3_600_000_000));
            }

            expected.Add(histogram);
            CompressedHistogramDecoder.Decode(Encode(histogram), null, 0, 0).AddTo(total);
        }

        Assert.Equal(Buckets(expected), Buckets(total));
    }

    [Fact]
    public void Decode_Empty_NoBuckets()
    {
        var decoded = CompressedHistogramDecoder.Decode(Encode(NewEngineHistogram()), null, 0, 0);

        Assert.Equal(0, decoded.TotalCount);
        Assert.Equal(0, decoded.BucketCount);
    }

    [Fact]
    public void Decode_TruncatedCompressedData_FormatExceptionSaysWhat()
    {
        var bytes = EncodedBytes(Sample());
        var truncated = bytes[..(8 + (bytes.Length - 8) / 2)];
        BinaryPrimitives.WriteInt32BigEndian(truncated.AsSpan(4), truncated.Length - 8);

        var e = Assert.Throws<FormatException>(() => CompressedHistogramDecoder.Decode(Convert.ToBase64String(truncated), null, 0, 0));

        Assert.Contains("histogram", e.Message);
    }

    [Fact]
    public void Decode_LengthBeyondTheData_FormatException()
    {
        var bytes = EncodedBytes(Sample());
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), bytes.Length);

        var e = Assert.Throws<FormatException>(() => CompressedHistogramDecoder.Decode(Convert.ToBase64String(bytes), null, 0, 0));

        Assert.Contains("compressed bytes", e.Message);
    }

    [Fact]
    public void Decode_UnknownCookie_FormatException()
    {
        var bytes = EncodedBytes(Sample());
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x12345678);

        Assert.Throws<FormatException>(() => CompressedHistogramDecoder.Decode(Convert.ToBase64String(bytes), null, 0, 0));
    }

    [Theory]
    [InlineData(1L << 60, 3)] // found by fuzzing: the unit shifted past 64 bits, and the bucket count looped for ever
    [InlineData(1L << 55, 5)]
    [InlineData(1L, 6)]
    public async Task Decode_LayoutHdrHistogramCannotHold_FormatExceptionNotAHang(long lowest, int digits)
    {
        var outer = Reencoded(Sample(), inner =>
        {
            BinaryPrimitives.WriteInt32BigEndian(inner.AsSpan(12), digits);
            BinaryPrimitives.WriteInt64BigEndian(inner.AsSpan(16), lowest);
            BinaryPrimitives.WriteInt64BigEndian(inner.AsSpan(24), long.MaxValue);
        });

        var decode = Task.Run(() => CompressedHistogramDecoder.Decode(Convert.ToBase64String(outer), null, 0, 0));

        var e = await Assert.ThrowsAsync<FormatException>(() => decode.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("header is not valid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ARunOfEmptyBucketsOfLongMinValue_FormatExceptionNotAWrappedIndex()
    {
        // Seen reading the loop the fuzzer hung in: -long.MinValue is long.MinValue, so the index wrapped negative
        // and the next count landed at a wrong value instead of being refused.
        var outer = Reencoded(Sample(), inner =>
        {
            BinaryPrimitives.WriteInt32BigEndian(inner.AsSpan(4), 10);
            inner.AsSpan(40, 9).Fill(0xFF); // long.MinValue in ZigZag LEB128: nine bytes of all ones
            inner[49] = 0x02; // then a count of 1
        });

        var e = Assert.Throws<FormatException>(() => CompressedHistogramDecoder.Decode(Convert.ToBase64String(outer), null, 0, 0));
        Assert.Contains("skips", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NormalizingIndexOffset_LeftToHdrHistogramsDecoder()
    {
        // Re-encode the sample with a non-zero normalizing index offset in its inner header (Java's shifted
        // histograms): the decoder hands such payloads to HdrHistogram.NET, which decodes the counts as they are.
        var sample = Sample();
        var outer = Reencoded(sample, inner => BinaryPrimitives.WriteInt32BigEndian(inner.AsSpan(8), 1));

        var decoded = CompressedHistogramDecoder.Decode(Convert.ToBase64String(outer), "t/-/dns", 5, 6);

        Assert.Equal(Buckets(sample), Buckets(decoded.ToHistogram()));
        Assert.Equal(("t/-/dns", 5L, 6L), (decoded.Tag, decoded.StartTimeStamp, decoded.EndTimeStamp));
    }

    [Fact]
    public void Decode_NotBase64_FormatException()
    {
        var e = Assert.Throws<FormatException>(() => CompressedHistogramDecoder.Decode("!!notbase64!", null, 0, 0));

        Assert.Contains("base64", e.Message);
    }

    private static LongHistogram Sample()
    {
        var histogram = NewEngineHistogram();
        for (var v = 1; v < 5_000; v += 3)
        {
            histogram.RecordValue(v * 997L);
        }

        return histogram;
    }

    private static LongHistogram NewEngineHistogram() =>
        new(RunDirectoryReader.LowestTrackableValueUs, RunDirectoryReader.HighestTrackableValueUs, RunDirectoryReader.SignificantDigits);

    private static byte[] EncodedBytes(HistogramBase histogram) => Convert.FromBase64String(HistogramSamples.LibraryPayload(histogram));

    private static string Encode(HistogramBase histogram) => HistogramSamples.LibraryPayload(histogram);

    private static List<(long Value, long Count)> Buckets(HistogramBase histogram) =>
        histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)).ToList();

    /// <summary><paramref name="histogram"/>'s payload with its inflated inner encoding edited, compressed again.</summary>
    private static byte[] Reencoded(HistogramBase histogram, Action<byte[]> editInner)
    {
        var bytes = EncodedBytes(histogram);
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(bytes, 8, bytes.Length - 8), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var inner = inflated.ToArray();
        editInner(inner);
        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(inner);
        }

        var outer = new byte[8 + deflated.Length];
        bytes.AsSpan(0, 4).CopyTo(outer);
        BinaryPrimitives.WriteInt32BigEndian(outer.AsSpan(4), (int)deflated.Length);
        deflated.ToArray().CopyTo(outer, 8);
        return outer;
    }
}

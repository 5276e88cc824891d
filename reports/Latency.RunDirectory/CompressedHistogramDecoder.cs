using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using HdrHistogram;
using HdrHistogram.Utilities;

namespace Latency.RunDirectory;

/// <summary>
/// Decodes the base64 payload of an interval log line (HdrHistogram's compressed V2 encoding, as the .NET, Java and
/// other writers produce it) straight into its non-empty buckets.
/// </summary>
/// <remarks>
/// Written by hand because HdrHistogram.NET's only decoder, <see cref="HistogramEncoding.DecodeFromCompressedByteBuffer"/>,
/// builds a new histogram with a counts array for the whole declared range per line (~190 KB at 1 us - 1 h, 3 digits):
/// a 100-million-request run has ~100,000 lines, and that allocation alone took most of a report's 20 s. Older
/// encodings (V0, V1, and V2 with a normalizing index offset) still go through HdrHistogram's decoder.
/// The V2 format (HdrHistogram's EncodableHistogram spec): compressed = int cookie 0x1c849314, int length, a
/// zlib stream; inside, a 40-byte header (int cookie 0x1c849313, int payload length, int normalizing index offset,
/// int significant digits, long lowest discernible value, long highest trackable value, double conversion ratio) and
/// the counts array as ZigZag LEB128 longs, where a negative number -k stands for k empty buckets. Big-endian.
/// </remarks>
internal static class CompressedHistogramDecoder
{
    private const int CompressedCookieBaseV2 = 0x1c849304;
    private const int CookieBaseV2 = 0x1c849303;
    private const int CookieVersionMask = ~0xf0;
    private const int HeaderLengthV2 = 40;

    /// <summary>Payload length beyond which a header is corrupt: 9 bytes (the longest LEB128 word) per count of the widest histogram.</summary>
    private const int MaxPayloadLength = 64 * 1024 * 1024;

    /// <summary>Decodes one payload. Throws <see cref="FormatException"/> with what is wrong when it is not a histogram.</summary>
    public static IntervalHistogram Decode(ReadOnlySpan<char> base64, string? tag, long startTimeStamp, long endTimeStamp)
    {
        var rented = ArrayPool<byte>.Shared.Rent(base64.Length * 3 / 4 + 3);
        try
        {
            if (!Convert.TryFromBase64Chars(base64, rented, out var length))
            {
                throw new FormatException("the histogram is not valid base64");
            }

            var encoded = rented.AsSpan(0, length);
            if (encoded.Length < 8)
            {
                throw new FormatException($"the histogram has {encoded.Length} bytes, fewer than its 8-byte header");
            }

            var cookie = BinaryPrimitives.ReadInt32BigEndian(encoded);
            if ((cookie & CookieVersionMask) != CompressedCookieBaseV2)
            {
                return DecodeWithHdrHistogram(encoded, tag, startTimeStamp, endTimeStamp);
            }

            var compressedLength = BinaryPrimitives.ReadInt32BigEndian(encoded[4..]);
            if (compressedLength < 0 || compressedLength > encoded.Length - 8)
            {
                throw new FormatException($"the histogram says {compressedLength} compressed bytes but has {encoded.Length - 8}");
            }

            var inflated = Inflate(rented, 8, compressedLength);
            try
            {
                return DecodeCounts(inflated.Buffer.AsSpan(0, inflated.Length), encoded, tag, startTimeStamp, endTimeStamp);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(inflated.Buffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Inflates the header and then only the payload length it declares. HdrHistogram.NET compresses its whole encoding
    /// buffer, a zero-padded ~190 KB for the engine's histograms, of which the payload is a few hundred bytes:
    /// inflating the padding cost ~60 us per line.
    /// </summary>
    private static (byte[] Buffer, int Length) Inflate(byte[] source, int offset, int count)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1024, count * 4));
        try
        {
            using var input = new MemoryStream(source, offset, count, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            var length = zlib.ReadAtLeast(buffer.AsSpan(0, HeaderLengthV2), HeaderLengthV2, throwOnEndOfStream: false);
            if (length < HeaderLengthV2)
            {
                throw new FormatException($"the histogram's header has {length} bytes, fewer than {HeaderLengthV2}");
            }

            var payloadLength = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(4));
            if (payloadLength < 0 || payloadLength > MaxPayloadLength)
            {
                throw new FormatException($"the histogram's payload length {payloadLength} is not valid");
            }

            var total = HeaderLengthV2 + payloadLength;
            if (buffer.Length < total)
            {
                var larger = ArrayPool<byte>.Shared.Rent(total);
                Buffer.BlockCopy(buffer, 0, larger, 0, length);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            length += zlib.ReadAtLeast(buffer.AsSpan(length, total - length), total - length, throwOnEndOfStream: false);
            if (length < total)
            {
                throw new FormatException($"the histogram's payload has {length - HeaderLengthV2} of its {payloadLength} bytes");
            }

            return (buffer, length);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw e as FormatException ?? new FormatException($"the histogram's compressed data is corrupt ({e.Message})", e);
        }
    }

    private static IntervalHistogram DecodeCounts(ReadOnlySpan<byte> data, ReadOnlySpan<byte> encoded, string? tag, long startTimeStamp, long endTimeStamp)
    {
        if (data.Length < HeaderLengthV2)
        {
            throw new FormatException($"the histogram's header has {data.Length} bytes, fewer than {HeaderLengthV2}");
        }

        var cookie = BinaryPrimitives.ReadInt32BigEndian(data);
        var payloadLength = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        var normalizingIndexOffset = BinaryPrimitives.ReadInt32BigEndian(data[8..]);
        var digits = BinaryPrimitives.ReadInt32BigEndian(data[12..]);
        var lowest = BinaryPrimitives.ReadInt64BigEndian(data[16..]);
        var highest = BinaryPrimitives.ReadInt64BigEndian(data[24..]);
        if ((cookie & CookieVersionMask) != CookieBaseV2)
        {
            throw new FormatException($"the histogram's inner cookie 0x{cookie:x8} is not HdrHistogram's V2 encoding");
        }

        if (normalizingIndexOffset != 0)
        {
            // A shifted histogram (Java's shiftValuesLeft): rare enough to leave to the library.
            return DecodeWithHdrHistogram(encoded, tag, startTimeStamp, endTimeStamp);
        }

        if (!BucketLayout.IsSupported(lowest, digits) || highest < 2 * lowest || payloadLength > data.Length - HeaderLengthV2)
        {
            throw new FormatException(
                $"the histogram's header is not valid (digits {digits}, lowest {lowest}, highest {highest}, payload {payloadLength} of {data.Length - HeaderLengthV2} bytes)");
        }

        var layout = new BucketLayout(lowest, highest, digits);
        var payload = data.Slice(HeaderLengthV2, payloadLength);
        var values = new List<long>();
        var counts = new List<long>();
        long index = 0;
        var position = 0;
        while (position < payload.Length)
        {
            var count = ReadZigZagLong(payload, ref position);
            if (count < 0)
            {
                if (count < -layout.CountsLength)
                {
                    // Checked before the subtraction: long.MinValue would wrap the index negative.
                    throw new FormatException($"the histogram skips {-count} empty buckets of its {layout.CountsLength}");
                }

                index -= count; // a run of -count empty buckets
                continue;
            }

            if (index >= layout.CountsLength)
            {
                throw new FormatException($"the histogram has counts beyond its range ({layout.CountsLength} buckets up to {highest})");
            }

            if (count > 0)
            {
                values.Add(layout.ValueFromIndex((int)index));
                counts.Add(count);
            }

            index++;
        }

        return new IntervalHistogram(tag, startTimeStamp, endTimeStamp, (lowest, highest, digits), values.ToArray(), counts.ToArray());
    }

    /// <summary>HdrHistogram's ZigZag LEB128 long: 7 bits per byte for 8 bytes, then a 9th byte of 8 bits.</summary>
    private static long ReadZigZagLong(ReadOnlySpan<byte> payload, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (position >= payload.Length)
            {
                throw new FormatException("the histogram's counts end in the middle of a number");
            }

            var b = payload[position++];
            if (shift == 56)
            {
                value |= (ulong)b << 56;
                break;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    private static IntervalHistogram DecodeWithHdrHistogram(ReadOnlySpan<byte> encoded, string? tag, long startTimeStamp, long endTimeStamp)
    {
        HistogramBase histogram;
        try
        {
            histogram = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(encoded.ToArray()), 0);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or IndexOutOfRangeException or InvalidDataException)
        {
            throw new FormatException($"not an HdrHistogram encoding ({e.Message})", e);
        }

        histogram.Tag = tag;
        histogram.StartTimeStamp = startTimeStamp;
        histogram.EndTimeStamp = endTimeStamp;
        return IntervalHistogram.From(histogram);
    }
}

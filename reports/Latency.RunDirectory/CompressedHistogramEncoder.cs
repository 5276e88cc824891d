using System.Buffers.Binary;
using System.IO.Compression;
using HdrHistogram;
using HdrHistogram.Utilities;

namespace Latency.RunDirectory;

/// <summary>
/// Encodes a histogram as the base64 payload of an interval log line: HdrHistogram's compressed V2 encoding, the
/// format <see cref="CompressedHistogramDecoder"/> (and HdrHistogram's Java and .NET readers) read. One instance per
/// writer: it reuses its buffers, so it is not thread-safe.
/// </summary>
/// <remarks>
/// Written by hand because HdrHistogram.NET's writer allocated ~640 KB per line (a copy of the counts, an encoding
/// buffer and a target buffer, each sized for the whole 1 us - 1 h range) and deflated the zero-padded buffer:
/// ~1.3 ms and frequent gen-2 collections per interval histogram, in the process that measures latency. This walks
/// the non-empty buckets only, and compresses only the payload. Layouts beyond HdrHistogram.NET's exact value iteration
/// (top bucket shift over 30, far above the engine's 1 h) keep HdrHistogram's encoder.
/// </remarks>
internal sealed class CompressedHistogramEncoder
{
    private const int CompressedCookieV2 = 0x1c849314;
    private const int CookieV2 = 0x1c849313;
    private const int HeaderLength = 40;
    private const int OuterHeaderLength = 8;

    private readonly MemoryStream _encoded = new();
    private readonly MemoryStream _compressed = new();
    private readonly byte[] _word = new byte[9];

    /// <summary>The base64 payload of <paramref name="histogram"/>.</summary>
    public string Encode(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var layout = new BucketLayout(histogram.LowestTrackableValue, histogram.HighestTrackableValue, histogram.NumberOfSignificantValueDigits);
        if (!layout.RecordedValuesAreExact)
        {
            return EncodeWithHdrHistogram(histogram);
        }

        _encoded.SetLength(0);
        Span<byte> header = stackalloc byte[HeaderLength];
        _encoded.Write(header); // filled in once the payload length is known

        // V2 counts: ZigZag LEB128 longs from index 0, a run of k > 1 empty buckets written as -k (as HdrHistogram's encoder).
        var next = 0;
        foreach (var bucket in histogram.RecordedValues())
        {
            var index = layout.IndexOf(bucket.ValueIteratedTo);
            var empty = index - next;
            if (empty == 1)
            {
                WriteZigZag(0);
            }
            else if (empty > 1)
            {
                WriteZigZag(-empty);
            }

            WriteZigZag(bucket.CountAtValueIteratedTo);
            next = index + 1;
        }

        var payloadLength = (int)_encoded.Length - HeaderLength;
        var encoded = _encoded.GetBuffer();
        BinaryPrimitives.WriteInt32BigEndian(encoded, CookieV2);
        BinaryPrimitives.WriteInt32BigEndian(encoded.AsSpan(4), payloadLength);
        BinaryPrimitives.WriteInt32BigEndian(encoded.AsSpan(8), 0); // normalizing index offset
        BinaryPrimitives.WriteInt32BigEndian(encoded.AsSpan(12), histogram.NumberOfSignificantValueDigits);
        BinaryPrimitives.WriteInt64BigEndian(encoded.AsSpan(16), histogram.LowestTrackableValue);
        BinaryPrimitives.WriteInt64BigEndian(encoded.AsSpan(24), histogram.HighestTrackableValue);
        BinaryPrimitives.WriteDoubleBigEndian(encoded.AsSpan(32), 1.0); // integer to double conversion ratio

        _compressed.SetLength(0);
        _compressed.Write(stackalloc byte[OuterHeaderLength]);
        using (var zlib = new ZLibStream(_compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(encoded, 0, (int)_encoded.Length);
        }

        var compressed = _compressed.GetBuffer();
        BinaryPrimitives.WriteInt32BigEndian(compressed, CompressedCookieV2);
        BinaryPrimitives.WriteInt32BigEndian(compressed.AsSpan(4), (int)_compressed.Length - OuterHeaderLength);
        return Convert.ToBase64String(compressed, 0, (int)_compressed.Length);
    }

    /// <summary>HdrHistogram.NET's own encoding, for layouts its value iteration cannot walk exactly (see <see cref="BucketLayout"/>).</summary>
    internal static string EncodeWithHdrHistogram(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        // ByteBuffer keeps its array to itself: read it back byte by byte.
        buffer.Position = 0;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    private void WriteZigZag(long value)
    {
        var zigZag = (ulong)((value << 1) ^ (value >> 63));
        var length = 0;
        while (length < 8 && zigZag >= 0x80)
        {
            _word[length++] = (byte)(zigZag | 0x80);
            zigZag >>= 7;
        }

        // The 9th byte carries the last 8 bits whole; before it, a byte below 0x80 ends the number.
        _word[length++] = (byte)zigZag;
        _encoded.Write(_word, 0, length);
    }
}

using System.Net;

namespace Latency.Bench.Http;

/// <summary>A request body of <c>length</c> zero bytes streamed from one shared buffer, so a multi-megabyte upload
/// costs no allocation per request.</summary>
internal sealed class ZeroContent(long length) : HttpContent
{
    private static readonly byte[] Zeros = new byte[64 * 1024];
    private long _written;

    /// <summary>
    /// Bytes handed to the connection so far, every attempt included (the handler may send a body again on a new
    /// connection): what the handset really sent, for the study's residency counts.
    /// </summary>
    public long Written => Interlocked.Read(ref _written);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var left = length;
        while (left > 0)
        {
            var chunk = (int)Math.Min(left, Zeros.Length);
            await stream.WriteAsync(Zeros.AsMemory(0, chunk), cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _written, chunk);
            left -= chunk;
        }
    }

    protected override bool TryComputeLength(out long length1)
    {
        length1 = length;
        return true;
    }
}

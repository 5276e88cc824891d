using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Latency.World.Relay;

/// <summary>
/// One client connection through a <see cref="PathRelay"/>: two directions, each a reader that stamps chunks with
/// their release time and a writer that sends them when due, in order.
/// </summary>
/// <remarks>
/// What is delayed where (accept time A, one-way delays U and D, RTT = U + D):
/// <list type="bullet">
/// <item>The client's connect() returns at once: the kernel answers a loopback SYN itself and no unprivileged socket
/// option can hold the SYN-ACK back. So the handshake's round trip is charged to the first bytes instead: the client
/// is treated as if it could send only from A + RTT (when its SYN-ACK would have arrived).</item>
/// <item>The relay connects upstream at A + U (when the SYN would reach the server), so the server sees the
/// connection when it would have.</item>
/// <item>Client to server: a chunk read at t is released upstream at max(t + U (+ serialisation behind earlier chunks
/// when the up link has a bandwidth, see <see cref="RelayLink"/>), A + RTT + U).</item>
/// <item>Server to client: a chunk read at t is released to the client at t + D (+ serialisation).</item>
/// </list>
/// So a request sent right after connect gets its first response byte at A + 2 RTT + server time, as over a real
/// path (connect 1 RTT, request 1 RTT); on an established connection a request takes 1 RTT. A client that times its
/// connect phase separately sees ~0 for the connect and 2 RTT to first byte. End of stream (FIN) is delayed like data.
/// </remarks>
internal sealed class RelayConnection
{
    private const int ReadBytes = 16 * 1024;

    /// <summary>Chunks held per direction: bounds the relay's memory (~8 MB) and, like a TCP window, the bytes in flight.</summary>
    private const int PipeCapacity = 512;

    private readonly Socket _client;
    private readonly Socket _upstream;
    private readonly IPEndPoint _upstreamEndpoint;
    private readonly RelayLink _up;
    private readonly RelayLink _down;
    private readonly DueTimer _timer;
    private readonly long _acceptedAt;

    public RelayConnection(Socket client, long acceptedAt, IPEndPoint upstream, RelayLink up, RelayLink down, DueTimer timer)
    {
        _client = client;
        _acceptedAt = acceptedAt;
        _upstreamEndpoint = upstream;
        _upstream = new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _up = up;
        _down = down;
        _timer = timer;
    }

    /// <summary>Relays until both directions have ended or one fails; never throws; closes both sockets.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var ct = cts.Token;
        try
        {
            var connected = ConnectUpstreamAsync(ct);
            var established = _acceptedAt + _up.OneWayDelayTicks + _down.OneWayDelayTicks;
            var upPipe = Pipe();
            var downPipe = Pipe();
            Task[] directions =
            [
                ReadAsync(_client, Task.CompletedTask, _up, established, upPipe.Writer, ct),
                WriteAsync(upPipe.Reader, _upstream, connected, ct),
                ReadAsync(_upstream, connected, _down, notBefore: 0, downPipe.Writer, ct),
                WriteAsync(downPipe.Reader, _client, Task.CompletedTask, ct),
            ];
            foreach (var direction in directions)
            {
                // A reset or failure anywhere ends the whole connection (closing both sockets below), as it would
                // end the client's connection to the real server.
                _ = direction.ContinueWith(
                    (t, state) => ((CancellationTokenSource)state!).Cancel(),
                    cts,
                    CancellationToken.None,
                    TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }

            await Task.WhenAll(directions).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Resets, refused upstream connects, cancellation: the client sees its connection close, what it would see
            // if the path or the server failed. A failing connection must never take the relay down.
        }
        finally
        {
            cts.Cancel();
            _client.Dispose();
            _upstream.Dispose();
        }
    }

    private static Channel<Segment> Pipe() => Channel.CreateBounded<Segment>(
        new BoundedChannelOptions(PipeCapacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private async Task ConnectUpstreamAsync(CancellationToken ct)
    {
        await _timer.WaitUntilAsync(_acceptedAt + _up.OneWayDelayTicks).ConfigureAwait(false);
        await _upstream.ConnectAsync(_upstreamEndpoint, ct).ConfigureAwait(false);
    }

    private static async Task ReadAsync(
        Socket source, Task sourceReady, RelayLink link, long notBefore, ChannelWriter<Segment> pipe, CancellationToken ct)
    {
        await sourceReady.ConfigureAwait(false);
        // Bytes may not reach the other end before notBefore + the one-way delay (the handshake, see remarks), and a
        // chunk never overtakes an earlier one of this connection (the shared link may reorder across connections:
        // one connection's handshake wait must not hold up another's bytes).
        var earliest = notBefore + link.OneWayDelayTicks;
        var previous = long.MinValue;
        while (true)
        {
            // Wait for room before reading, so a chunk is stamped when the relay takes it, not before a wait.
            if (!await pipe.WaitToWriteAsync(ct).ConfigureAwait(false))
            {
                return;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(ReadBytes);
            var read = await source.ReceiveAsync(buffer.AsMemory(0, ReadBytes), SocketFlags.None, ct).ConfigureAwait(false);
            var now = Stopwatch.GetTimestamp();
            if (read == 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                await pipe.WriteAsync(Segment.End(Math.Max(Math.Max(link.Release(now, 0), earliest), previous)), ct).ConfigureAwait(false);
                pipe.Complete();
                return;
            }

            for (var offset = 0; offset < read; offset += link.PieceBytes)
            {
                var count = Math.Min(link.PieceBytes, read - offset);
                var last = offset + count == read;
                previous = Math.Max(Math.Max(link.Release(now, count), earliest), previous);
                await pipe.WriteAsync(new Segment(buffer, offset, count, previous, last), ct).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteAsync(ChannelReader<Segment> pipe, Socket destination, Task destinationReady, CancellationToken ct)
    {
        await destinationReady.ConfigureAwait(false);
        await foreach (var segment in pipe.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await _timer.WaitUntilAsync(segment.DueTicks).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            if (segment.Buffer is null)
            {
                destination.Shutdown(SocketShutdown.Send);
                return;
            }

            var memory = segment.Buffer.AsMemory(segment.Offset, segment.Count);
            while (!memory.IsEmpty)
            {
                var sent = await destination.SendAsync(memory, SocketFlags.None, ct).ConfigureAwait(false);
                memory = memory[sent..];
            }

            if (segment.ReturnBuffer)
            {
                ArrayPool<byte>.Shared.Return(segment.Buffer);
            }
        }
    }

    /// <summary>Bytes to release at <see cref="DueTicks"/>; no buffer means end of stream.</summary>
    private readonly record struct Segment(byte[]? Buffer, int Offset, int Count, long DueTicks, bool ReturnBuffer)
    {
        public static Segment End(long dueTicks) => new(null, 0, 0, dueTicks, false);
    }
}

using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// A loopback TCP forwarder that counts the bytes it carries each way, so a test can check what went over the wire
/// (e.g. that a server answered the body sizes it was asked for) without trusting either end's own accounting.
/// </summary>
public sealed class CountingTcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = [];
    private readonly List<IPAddress> _clientAddresses = [];
    private long _bytesUp;
    private long _bytesDown;

    public CountingTcpForwarder(IPEndPoint upstream)
    {
        _upstream = upstream;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    /// <summary>Where clients connect, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Bytes carried from clients to the upstream server.</summary>
    public long BytesUp => Interlocked.Read(ref _bytesUp);

    /// <summary>Bytes carried from the upstream server to clients.</summary>
    public long BytesDown => Interlocked.Read(ref _bytesDown);

    /// <summary>The source address of every client connection accepted, in order (which handset a session sent from).</summary>
    public IReadOnlyList<IPAddress> ClientAddresses
    {
        get
        {
            lock (_clientAddresses)
            {
                return [.. _clientAddresses];
            }
        }
    }

    /// <summary>How many client connections were accepted.</summary>
    public int Connections { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Connections++;
            lock (_clientAddresses)
            {
                _clientAddresses.Add(((IPEndPoint)client.RemoteEndPoint!).Address);
            }

            lock (_connections)
            {
                _connections.Add(ForwardAsync(client));
            }
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using (client)
        using (var server = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                await server.ConnectAsync(_upstream, _stop.Token);
                // Whichever side closes first ends the connection: HTTP clients and servers close, they do not half-close.
                await Task.WhenAny(CopyAsync(client, server, up: true), CopyAsync(server, client, up: false));
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
            }
        }
    }

    private async Task CopyAsync(Socket from, Socket to, bool up)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, _stop.Token)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
                Interlocked.Add(ref up ? ref _bytesUp : ref _bytesDown, read);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

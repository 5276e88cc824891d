using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Latency.Scenarios.Worlds;

namespace Latency.World.Relay;

/// <summary>
/// The no-root stand-in for one emulated path: listens on 127.0.0.1 and relays each connection to the deployment's
/// real (loopback) endpoint, delaying the connect and every chunk by the path's one-way delays and pacing chunks at
/// the path's bandwidth. Less faithful than the kernel backend: loopback TCP never loses a packet, so loss is not
/// modelled, and the handshake's round trip shows up in the first response, not in connect() (see
/// <see cref="RelayConnection"/> for exactly what is delayed where).
/// </summary>
public sealed class PathRelay : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly DueTimer _timer;
    private readonly bool _ownsTimer;
    private readonly RelayLink _up;
    private readonly RelayLink _down;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly Task _acceptLoop;
    private int _disposed;

    internal PathRelay(PathSpec path, IPEndPoint upstream, DueTimer timer, bool ownsTimer, ulong seed)
    {
        Path = path;
        Upstream = upstream;
        _timer = timer;
        _ownsTimer = ownsTimer;
        _up = new RelayLink(path.Up, seed);
        _down = new RelayLink(path.Down, seed ^ 0x5DEECE66DUL);
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(512);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }

        LocalEndpoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync(_stopping.Token);
    }

    /// <summary>The path this relay applies.</summary>
    public PathSpec Path { get; }

    /// <summary>Where connections are relayed to (the deployment's backend).</summary>
    public IPEndPoint Upstream { get; }

    /// <summary>Where clients of this path connect (127.0.0.1 and a port picked by the system).</summary>
    public IPEndPoint LocalEndpoint { get; }

    /// <summary>Starts relaying <paramref name="path"/> to <paramref name="upstream"/>; <paramref name="seed"/> drives the jitter.</summary>
    public static PathRelay Start(PathSpec path, IPEndPoint upstream, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(upstream);
        var timer = new DueTimer();
        try
        {
            return new PathRelay(path, upstream, timer, ownsTimer: true, seed);
        }
        catch
        {
            timer.Dispose();
            throw;
        }
    }

    /// <summary>Stops accepting, closes every relayed connection and waits until all of them have ended.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Keys).ConfigureAwait(false);
        if (_ownsTimer)
        {
            _timer.Dispose();
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException
                || (e is SocketException && ct.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. the client reset before we accepted: nothing to relay
            }

            var acceptedAt = Stopwatch.GetTimestamp();
            client.NoDelay = true;
            var connection = new RelayConnection(client, acceptedAt, Upstream, _up, _down, _timer);
            var run = connection.RunAsync(ct);
            _connections.TryAdd(run, 0);
            _ = run.ContinueWith(
                (t, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(t, out _),
                _connections,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }
}

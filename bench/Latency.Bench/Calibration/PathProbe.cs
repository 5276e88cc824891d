using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Latency.Bench.Http;
using Latency.RunDirectory;
using Latency.Timing;
using Latency.World.Network;
using Latency.World.Runtime;

namespace Latency.Bench.Calibration;

/// <summary>
/// Measures one path of a running world from its probe's side: TCP connect time, request round trip on a warm
/// connection, bulk throughput each way, and (namespaces only) UDP loss each way.
/// </summary>
public sealed class PathProbe(WorldState world, PathState path)
{
    private readonly ProbeState _probe = world.Probes.Single(p => p.Name == path.Probe);
    private readonly DeploymentState _deployment = world.Deployments.Single(d => d.Name == path.Deployment);

    /// <summary>SCHED_FIFO priority of the connect-timing thread: below the WAN emulator's, which must still preempt it.</summary>
    private const int MeasurementPriority = 5;

    private bool Namespaces => world.Backend == NetworkBackend.Tun;

    /// <summary>The URL a client of this probe uses for the deployment, and the client settings that reach it.</summary>
    public (Uri Url, HttpClientSettings Settings) Client() =>
        new Study.WorldEndpoints(world).For(path.Probe, path.Deployment, new HttpClientSettings { MaxConnectionsPerServer = 4 });

    /// <summary>
    /// TCP connect times. Blocking connects on a dedicated thread: the figure is the kernel's handshake, not how soon
    /// a thread-pool thread picked up an async completion (which added 0.5 s outliers under load).
    /// </summary>
    public async Task<(double P50, double P99, int Samples)> ConnectAsync(int samples, CancellationToken cancellationToken)
    {
        var times = await ConnectTimesAsync(samples, cancellationToken).ConfigureAwait(false);
        return (Quantile(times, 0.5), Quantile(times, 0.99), times.Count);
    }

    /// <summary>Every measured TCP connect time in milliseconds, sorted (the distribution behind <see cref="ConnectAsync"/>).</summary>
    public async Task<List<double>> ConnectTimesAsync(int samples, CancellationToken cancellationToken) =>
        (await InterleavedConnectTimesAsync(world, [path], samples, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// TCP connect times of several paths of one world, taken in rounds (one connect on each path, then the next
    /// round), sorted per path. Interleaving spreads a spell of machine noise (a virtual machine's host stalling its
    /// CPUs for seconds) over every path's samples instead of spoiling one path's whole measurement.
    /// </summary>
    public static Task<List<double>[]> InterleavedConnectTimesAsync(WorldState world, IReadOnlyList<PathState> paths, int samples,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(world);
        var namespaces = world.Backend == NetworkBackend.Tun;
        var targets = paths.Select(p =>
        {
            var deployment = world.Deployments.Single(d => d.Name == p.Deployment);
            var target = namespaces ? new IPEndPoint(IPAddress.Parse(new Uri(deployment.Url).Host), BackendsPart.Port) : IPEndPoint.Parse(p.RelayEndpoint!);
            return (Namespace: world.Probes.Single(pr => pr.Name == p.Probe).Namespace, Target: target);
        }).ToList();
        return Task.Factory.StartNew(() =>
        {
            // The figure is the path's, not this machine's scheduling: as root the thread runs SCHED_FIFO (below the
            // emulator's priority), so on 2 busy cores it is not a time slice late to read the clock after connect
            // returns (a full CI run saw 3 ms outliers at p99 of a 300 ms path). The thread is this loop's alone.
            RealTimeThread.TryEnter(MeasurementPriority);
            var times = targets.Select(_ => new List<double>(samples + 2)).ToArray();
            for (var i = 0; i < samples + 2 && !cancellationToken.IsCancellationRequested; i++)
            {
                for (var p = 0; p < targets.Count; p++)
                {
                    using var socket = namespaces
                        ? NamespaceSockets.Create(targets[p].Namespace!, AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
                        : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    var start = Stopwatch.GetTimestamp();
                    socket.Connect(targets[p].Target);
                    if (i >= 2)
                    {
                        // The first two rounds warm up the paths (and this process): not part of the figure.
                        times[p].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                }
            }

            Array.ForEach(times, t => t.Sort());
            return times;
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public async Task<double> RequestAsync(HandsetHttpClient client, Uri url, int samples, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        for (var i = 0; i < samples + 1; i++)
        {
            var response = await client.SendAsync(HttpMethod.Get, new Uri(url, "health"), null, 0, TimeSpan.FromSeconds(30), cancellationToken)
                .ConfigureAwait(false);
            if (response.IsError)
            {
                throw new IOException($"{path.Probe} -> {path.Deployment}: /health failed: {response.ErrorKind} {response.Message}");
            }

            if (i > 0)
            {
                times.Add(response.Phases!.TtfbMicros / 1000.0);
            }
        }

        times.Sort();
        return Quantile(times, 0.5);
    }

    /// <summary>Transfers about <paramref name="seconds"/> worth of the configured rate and returns the achieved rate.</summary>
    public async Task<(double? Down, double? Up)> ThroughputAsync(HandsetHttpClient client, Uri url, double seconds, double rttMs,
        CancellationToken cancellationToken)
    {
        static long Bytes(double? mbps, double seconds) => (long)Math.Clamp((mbps ?? 100) * 1e6 / 8 * seconds, 64 * 1024, 64L * 1024 * 1024);

        var downBytes = Bytes(path.DownMbps, seconds);
        var down = await client.SendAsync(HttpMethod.Get, new Uri(url, $"bytes/{downBytes}"), null, 0, TimeSpan.FromMinutes(5), cancellationToken)
            .ConfigureAwait(false);
        var upBytes = Bytes(path.UpMbps, seconds);
        var start = Stopwatch.GetTimestamp();
        var up = await client.SendAsync(HttpMethod.Post, new Uri(url, "upload"), null, upBytes, TimeSpan.FromMinutes(5), cancellationToken)
            .ConfigureAwait(false);
        var upSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds - rttMs / 1000;
        // Down: the body's bytes over the time from first to last byte; up: the body over the request's time less one
        // round trip (the answer's way back).
        double? downMbps = down.IsError || down.Phases is null ? null : downBytes * 8 / 1e6 / Math.Max(1e-6, down.Phases.TransferMicros / 1e6);
        double? upMbps = up.IsError ? null : upBytes * 8 / 1e6 / Math.Max(1e-6, upSeconds);
        return (downMbps, upMbps);
    }

    /// <summary>
    /// UDP datagrams each way between the namespaces: loss percent up and down, not counting datagrams the receiving
    /// socket dropped itself (a full receive buffer is the reader's fault, not the path's); those are reported apart.
    /// </summary>
    public async Task<LossMeasurement> LossAsync(int datagrams, CancellationToken cancellationToken)
    {
        var probeAddress = IPAddress.Parse(_probe.Address!);
        var deploymentAddress = IPAddress.Parse(new Uri(_deployment.Url).Host);
        var (up, upDrops) = await OneWayLossAsync(_probe.Namespace!, _deployment.Namespace!, deploymentAddress, datagrams, path.UpMbps, cancellationToken)
            .ConfigureAwait(false);
        var (down, downDrops) = await OneWayLossAsync(_deployment.Namespace!, _probe.Namespace!, probeAddress, datagrams, path.DownMbps, cancellationToken)
            .ConfigureAwait(false);
        return new LossMeasurement(up, down, upDrops, downDrops);
    }

    private static async Task<(double LossPct, long ReceiverDrops)> OneWayLossAsync(string senderNamespace, string receiverNamespace,
        IPAddress receiverAddress, int datagrams, double? mbps, CancellationToken cancellationToken)
    {
        const int size = 100;
        using var receiver = NamespaceSockets.Create(receiverNamespace, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        // Room for every datagram of the run (each takes ~1 KB of buffer accounting), so the reader may pause.
        NamespaceSockets.ForceReceiveBuffer(receiver, Math.Max(4 << 20, datagrams * 2048));
        receiver.ReceiveTimeout = 2000;
        receiver.Bind(new IPEndPoint(receiverAddress, 0));
        using var sender = NamespaceSockets.Create(senderNamespace, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = (IPEndPoint)receiver.LocalEndPoint!;
        var dropsBefore = NamespaceSockets.UdpReceiveBufferErrors(receiverNamespace);
        // Pace at a quarter of the link (at most 5,000/s) so the bandwidth queue never drops: only the loss model may.
        var perSecond = Math.Min(5000, (mbps ?? 1000) * 1e6 / 8 / (size + 28) / 4);
        // A blocking reader on a thread of its own: no thread-pool hop between datagrams. It stops only once the sender
        // is done and 2 s have passed without a datagram: a sender that stalls (a pause of this process) must not make
        // the reader give up early and count the rest as lost.
        var sending = true;
        var receiving = Task.Factory.StartNew(() =>
        {
            var buffer = new byte[2048];
            var count = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    receiver.Receive(buffer);
                    count++;
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
                {
                    if (!Volatile.Read(ref sending))
                    {
                        break;
                    }
                }
            }

            return count;
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var payload = new byte[size];
        var start = Stopwatch.GetTimestamp();
        try
        {
            var maxLag = Stopwatch.Frequency / 100;
            for (var i = 0; i < datagrams; i++)
            {
                var due = start + (long)(i / perSecond * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < due)
                {
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                }

                // More than 10 ms behind (this process paused): let the schedule slip instead of catching up in one
                // burst, which would overflow queues that no path model has and count as the path's loss.
                if (Stopwatch.GetTimestamp() - due > maxLag)
                {
                    start += Stopwatch.GetTimestamp() - due;
                }

                await sender.SendToAsync(payload, SocketFlags.None, target, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref sending, false);
        }

        var received = await receiving.ConfigureAwait(false);
        var receiverDrops = NamespaceSockets.UdpReceiveBufferErrors(receiverNamespace) - dropsBefore;
        return (100.0 * Math.Max(0, datagrams - received - receiverDrops) / datagrams, receiverDrops);
    }

    /// <summary>The nearest-rank quantile of sorted values (NaN when there are none).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}

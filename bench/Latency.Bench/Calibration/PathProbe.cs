using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Latency.Bench.Http;
using Latency.World.Native;
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

    private bool Namespaces => world.Backend == "tun";

    /// <summary>The URL a client of this probe uses for the deployment, and the client settings that reach it.</summary>
    public (Uri Url, HttpClientSettings Settings) Client() =>
        new Study.WorldEndpoints(world).For(path.Probe, path.Deployment, new HttpClientSettings { MaxConnectionsPerServer = 4 });

    /// <summary>
    /// TCP connect times. Blocking connects on a dedicated thread: the figure is the kernel's handshake, not how soon
    /// a thread-pool thread picked up an async completion (which added 0.5 s outliers under load).
    /// </summary>
    public Task<(double P50, double P99, int Samples)> ConnectAsync(int samples, CancellationToken cancellationToken)
    {
        var target = Namespaces ? new IPEndPoint(IPAddress.Parse(new Uri(_deployment.Url).Host), BackendsPart.Port) : IPEndPoint.Parse(path.RelayEndpoint!);
        return Task.Factory.StartNew(() =>
        {
            // The figure is the path's, not this machine's scheduling: as root the thread runs SCHED_FIFO (below the
            // emulator's priority), so on 2 busy cores it is not a time slice late to read the clock after connect
            // returns (a full CI run saw 3 ms outliers at p99 of a 300 ms path). The thread is this loop's alone.
            RealTimeThread.TryEnter(MeasurementPriority);
            var times = new List<double>(samples + 2);
            for (var i = 0; i < samples + 2 && !cancellationToken.IsCancellationRequested; i++)
            {
                using var socket = Namespaces
                    ? NamespaceSockets.Create(_probe.Namespace!, AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
                    : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                var start = Stopwatch.GetTimestamp();
                socket.Connect(target);
                if (i >= 2)
                {
                    // The first two warm up the path (and this process): not part of the figure.
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }

            times.Sort();
            return (Quantile(times, 0.5), Quantile(times, 0.99), times.Count);
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

    /// <summary>UDP datagrams each way between the namespaces; returns loss percent up and down.</summary>
    public async Task<(double Up, double Down)> LossAsync(int datagrams, CancellationToken cancellationToken)
    {
        var probeAddress = IPAddress.Parse(_probe.Address!);
        var deploymentAddress = IPAddress.Parse(new Uri(_deployment.Url).Host);
        var up = await OneWayLossAsync(_probe.Namespace!, _deployment.Namespace!, deploymentAddress, datagrams, path.UpMbps, cancellationToken)
            .ConfigureAwait(false);
        var down = await OneWayLossAsync(_deployment.Namespace!, _probe.Namespace!, probeAddress, datagrams, path.DownMbps, cancellationToken)
            .ConfigureAwait(false);
        return (up, down);
    }

    private static async Task<double> OneWayLossAsync(string senderNamespace, string receiverNamespace, IPAddress receiverAddress, int datagrams,
        double? mbps, CancellationToken cancellationToken)
    {
        const int size = 100;
        using var receiver = NamespaceSockets.Create(receiverNamespace, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.ReceiveBufferSize = 4 * 1024 * 1024;
        receiver.Bind(new IPEndPoint(receiverAddress, 0));
        using var sender = NamespaceSockets.Create(senderNamespace, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = (IPEndPoint)receiver.LocalEndPoint!;
        // Pace at a quarter of the link (at most 5,000/s) so the bandwidth queue never drops: only the loss model may.
        var perSecond = Math.Min(5000, (mbps ?? 1000) * 1e6 / 8 / (size + 28) / 4);
        var received = 0;
        var receiving = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            while (true)
            {
                idle.CancelAfter(TimeSpan.FromSeconds(2));
                try
                {
                    await receiver.ReceiveAsync(buffer, SocketFlags.None, idle.Token).ConfigureAwait(false);
                    received++;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, cancellationToken);
        var payload = new byte[size];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < datagrams; i++)
        {
            var due = start + (long)(i / perSecond * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }

            await sender.SendToAsync(payload, SocketFlags.None, target, cancellationToken).ConfigureAwait(false);
        }

        await receiving.ConfigureAwait(false);
        return 100.0 * (datagrams - received) / datagrams;
    }

    private static double Quantile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}

using System.Net;
using System.Net.Sockets;
using Latency.Timing;
using Latency.World.Native;
using Latency.World.Network;

namespace Latency.World.Emulation;

/// <summary>
/// Measures how much time the WAN emulator itself adds in one direction of a path: UDP datagrams are sent with their
/// send time (CLOCK_REALTIME) noted, the receiving socket in the other namespace gives the kernel's receive timestamp
/// of each (SIOCGSTAMPNS), and the difference less the configured delay and serialisation is the overhead.
/// </summary>
/// <remarks>
/// <para>What it includes: the emulator thread's wake-up when the packet reaches its TUN device, its release
/// lateness, and both kernels' TUN traversals. What it leaves out, on purpose: the receiving application's own
/// wake-up, because the kernel stamps the datagram as it enters the destination's stack. A TCP handshake is answered
/// by the kernel too, so a compensated connect reads the configured RTT plus only the client's own wake-up.</para>
/// <para>Datagrams go one at a time, each after the previous one arrived and a pause drawn log-uniformly between
/// <see cref="ShortestGap"/> and <see cref="LongestGap"/> (seeded, so reproducible). The pause matters: on a virtual
/// machine a wake-up after an idle spell costs more (measured on a 2-vCPU microVM: ~0.10 ms a direction after 1-5 ms
/// idle, 0.14-0.21 ms after 20-100 ms), and a world's paths have packets from a few to tens of milliseconds apart.
/// The emulator never sleeps longer than 50 ms, so longer pauses would not differ.</para>
/// </remarks>
public static unsafe class ForwardingOverheadProbe
{
    public static readonly TimeSpan ShortestGap = TimeSpan.FromMilliseconds(1);
    public static readonly TimeSpan LongestGap = TimeSpan.FromMilliseconds(50);
    private const int PayloadBytes = 64;
    private const int IpUdpHeaderBytes = 28;
    private const ulong GapSeed = 0x5EED_0F_6A95;

    /// <summary>The configured time a probe datagram takes: the one-way delay and its serialisation at the link's rate.</summary>
    public static TimeSpan ExpectedDelay(TimeSpan oneWayDelay, double? bitsPerSecond) =>
        oneWayDelay + (bitsPerSecond is { } rate ? TimeSpan.FromSeconds((PayloadBytes + IpUdpHeaderBytes) * 8 / rate) : TimeSpan.Zero);

    /// <summary>
    /// Sends <paramref name="samples"/> datagrams (plus two to warm up) from <paramref name="fromNamespace"/> to a
    /// socket bound to <paramref name="toAddress"/> in <paramref name="toNamespace"/>; <see cref="DirectionOverhead.None"/>
    /// when fewer than half arrive. Blocks the calling thread for about samples x (delay + 13 ms).
    /// </summary>
    public static DirectionOverhead Measure(string fromNamespace, string toNamespace, IPAddress toAddress, TimeSpan expectedDelay,
        int samples, CancellationToken cancellationToken)
    {
        using var receiver = NamespaceSockets.Create(toNamespace, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(toAddress, 0));
        // The first SIOCGSTAMPNS switches the socket's receive timestamps on (it has none to give yet). Not
        // SO_TIMESTAMPNS: with that the kernel hands stamps over only as control messages, and the ioctl has none.
        Timespec unused;
        Libc.Ioctl((int)receiver.Handle, Libc.SIOCGSTAMPNS, &unused);
        // A lost datagram (a lossy path) must not stall the measurement for long.
        receiver.ReceiveTimeout = (int)Math.Max(200, 3 * expectedDelay.TotalMilliseconds + 100);
        using var sender = NamespaceSockets.Create(fromNamespace, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = receiver.LocalEndPoint!;

        var random = new Xoshiro256StarStar(GapSeed);
        var logRange = Math.Log(LongestGap / ShortestGap);
        var payload = new byte[PayloadBytes];
        var buffer = new byte[PayloadBytes * 2];
        var overheads = new List<double>(samples);
        for (var i = 0; i < samples + 2 && !cancellationToken.IsCancellationRequested; i++)
        {
            Thread.Sleep(ShortestGap * Math.Exp(random.NextDouble() * logRange));
            var sent = RealtimeNanoseconds();
            sender.SendTo(payload, target);
            if (TryReceive(receiver, buffer, out var arrived) && i >= 2)
            {
                // The first two warm up the code paths of both ends: not samples.
                overheads.Add((arrived - sent - expectedDelay.Ticks * 100.0) / 1e6);
            }
        }

        if (overheads.Count < Math.Max(3, samples / 2))
        {
            return DirectionOverhead.None;
        }

        overheads.Sort();
        return new DirectionOverhead(Math.Round(Quantile(overheads, 0.5), 4), Math.Round(Quantile(overheads, 0.9), 4), overheads.Count);
    }

    private static bool TryReceive(Socket receiver, byte[] buffer, out long arrivedNanoseconds)
    {
        arrivedNanoseconds = 0;
        try
        {
            receiver.Receive(buffer);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            return false;
        }

        Timespec stamp;
        if (Libc.Ioctl((int)receiver.Handle, Libc.SIOCGSTAMPNS, &stamp) != 0)
        {
            throw new IOException($"SIOCGSTAMPNS failed: {Libc.Describe(Libc.LastError)}");
        }

        arrivedNanoseconds = stamp.Seconds * 1_000_000_000 + stamp.Nanoseconds;
        return true;
    }

    private static long RealtimeNanoseconds()
    {
        Timespec now;
        Libc.ClockGetTime(Libc.CLOCK_REALTIME, &now);
        return now.Seconds * 1_000_000_000 + now.Nanoseconds;
    }

    private static double Quantile(List<double> sorted, double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];
}

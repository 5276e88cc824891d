using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Latency.IntegrationTests.Support;
using Latency.World.Emulation;
using Latency.World.Native;
using Latency.World.Network;
using Xunit.Abstractions;

namespace Latency.IntegrationTests.World;

[Collection(TimingSensitive.Name)]
public sealed class EmulatorExperimentTests(ITestOutputHelper output)
{
    private sealed class FixedDelay(TimeSpan delay) : IPacketShaper
    {
        private readonly long _ticks = (long)(delay.TotalSeconds * Stopwatch.Frequency);
        private long _last;

        public bool TryAdmit(long now, int bytes, out long release)
        {
            release = Math.Max(now + _ticks, _last);
            _last = release;
            return true;
        }
    }

    [RequiresRootTheory]
    [InlineData(0.0)]
    [InlineData(2.5)]
    [InlineData(20.0)]
    public async Task Experiment_ConnectTime(double oneWayMs)
    {
        var prefix = "latx" + Random.Shared.Next(0x1000, 0xffff).ToString("x");
        await using var topology = await NamespaceTopology.CreateAsync(prefix, ["probe", "deploy"], CancellationToken.None);
        var ports = topology.Nodes.Select((n, i) => new EmulatorPort(n.Name, topology.TunDescriptors[i],
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(n.Address.GetAddressBytes()))).ToList();
        var shapers = new IPacketShaper?[2, 2];
        shapers[0, 1] = new FixedDelay(TimeSpan.FromMilliseconds(oneWayMs));
        shapers[1, 0] = new FixedDelay(TimeSpan.FromMilliseconds(oneWayMs));
        using var emulator = new WanEmulator(ports, shapers);
        emulator.Start();

        Socket listener;
        using (NetworkNamespaceScope.Enter(topology.Nodes[1].Namespace))
        {
            listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        }

        listener.Bind(new IPEndPoint(topology.Nodes[1].Address, 8080));
        listener.Listen(128);
        var accept = Task.Run(async () => { while (true) { var s = await listener.AcceptAsync(); s.Dispose(); } });
        var samples = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            Socket client;
            using (NetworkNamespaceScope.Enter(topology.Nodes[0].Namespace))
            {
                client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            }

            var start = Stopwatch.GetTimestamp();
            await client.ConnectAsync(new IPEndPoint(topology.Nodes[1].Address, 8080));
            if (i == 9) emulator.TakeLateness();
            if (i >= 10) samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            client.Dispose();
        }

        listener.Dispose();
        samples.Sort();
        var late = emulator.TakeLateness();
        output.WriteLine($"connect ms: min {samples[0]:0.000} median {samples[25]:0.000} max {samples[^1]:0.000}; lateness p50 {late.GetValueAtPercentile(50) / 1000.0:0.0} us p99 {late.GetValueAtPercentile(99) / 1000.0:0.0} us max {HdrHistogram.HistogramExtensions.GetMaxValue(late) / 1000.0:0.0} us; rt {emulator.RealTime} forwarded {emulator.Counters.Forwarded} noroute {emulator.Counters.NoRoute}");
        output.WriteLine($"p90 {samples[45]:0.000}");
    }
}

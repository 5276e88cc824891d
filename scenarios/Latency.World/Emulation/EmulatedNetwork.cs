using System.Buffers.Binary;
using Latency.Scenarios.Worlds;
using Latency.World.Network;

namespace Latency.World.Emulation;

/// <summary>
/// The world's network: a namespace per probe and per deployment, joined only through the WAN emulator, which
/// applies each path's model per direction. Probe-to-probe and deployment-to-deployment packets have no path and
/// are dropped, as they would never cross this part of the internet in the study.
/// </summary>
public sealed class EmulatedNetwork : IAsyncDisposable
{
    private readonly NamespaceTopology _topology;
    private readonly WanEmulator _emulator;

    private EmulatedNetwork(NamespaceTopology topology, WanEmulator emulator)
    {
        _topology = topology;
        _emulator = emulator;
    }

    public IReadOnlyList<WorldNode> Nodes => _topology.Nodes;

    public EmulatorCounters Counters => _emulator.Counters;

    public bool RealTimeScheduling => _emulator.RealTime;

    public Exception? Failure => _emulator.Failure;

    /// <summary>Lateness of packet releases since the last call, nanoseconds.</summary>
    public HdrHistogram.HistogramBase TakeLateness() => _emulator.TakeLateness();

    public WorldNode Node(string name) => _topology.Nodes.Single(n => n.Name == name);

    /// <param name="prefix">Name prefix of every namespace and interface (at most 8 characters).</param>
    /// <param name="nodes">Node names (<see cref="Runtime.WorldPlan.NodeNames"/>: p-NAME for probes, d-NAME for deployments).</param>
    /// <param name="paths">Which node pairs are joined, and how.</param>
    /// <param name="seed">Seed of every random draw (loss, jitter), so a world is reproducible.</param>
    /// <param name="cancellationToken">Stops setting up; what was created is removed.</param>
    public static async Task<EmulatedNetwork> StartAsync(string prefix, IReadOnlyList<string> nodes, IReadOnlyList<PathSpec> paths,
        ulong seed, CancellationToken cancellationToken)
    {
        var topology = await NamespaceTopology.CreateAsync(prefix, nodes, cancellationToken).ConfigureAwait(false);
        try
        {
            var index = nodes.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
            var shapers = new IPacketShaper?[nodes.Count, nodes.Count];
            var stream = 0UL;
            foreach (var path in paths)
            {
                var probe = index[Runtime.WorldPlan.ProbeNode(path.Probe)];
                var deployment = index[Runtime.WorldPlan.DeploymentNode(path.Deployment)];
                shapers[probe, deployment] = ShaperFactory.Create(path.Up, seed, stream++);
                shapers[deployment, probe] = ShaperFactory.Create(path.Down, seed, stream++);
            }

            var descriptors = topology.TunDescriptors;
            var ports = topology.Nodes.Select((n, i) =>
                new EmulatorPort(n.Name, descriptors[i], BinaryPrimitives.ReadUInt32BigEndian(n.Address.GetAddressBytes()))).ToList();
            var emulator = new WanEmulator(ports, shapers);
            emulator.Start();
            return new EmulatedNetwork(topology, emulator);
        }
        catch
        {
            await topology.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _emulator.Dispose();
        await _topology.DisposeAsync().ConfigureAwait(false);
    }
}

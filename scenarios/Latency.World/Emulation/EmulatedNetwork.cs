using System.Buffers.Binary;
using Latency.Scenarios.Worlds;
using Latency.World.Network;
using Latency.World.Radio;

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
    private readonly IReadOnlyList<PathSpec> _paths;
    private readonly IReadOnlyList<(IPacketShaper Up, IPacketShaper Down)> _shapers;

    private EmulatedNetwork(NamespaceTopology topology, WanEmulator emulator, IReadOnlyList<PathSpec> paths,
        IReadOnlyList<(IPacketShaper Up, IPacketShaper Down)> shapers)
    {
        _topology = topology;
        _emulator = emulator;
        _paths = paths;
        _shapers = shapers;
    }

    public IReadOnlyList<WorldNode> Nodes => _topology.Nodes;

    public EmulatorCounters Counters => _emulator.Counters;

    public bool RealTimeScheduling => _emulator.RealTime;

    public Exception? Failure => _emulator.Failure;

    /// <summary>CPU time of the emulator's forwarding thread so far (null when unknown); see <see cref="WanEmulator.CpuTime"/>.</summary>
    public TimeSpan? EmulatorCpuTime => _emulator.CpuTime;

    /// <summary>Lateness of packet releases since the last call, nanoseconds.</summary>
    public HdrHistogram.HistogramBase TakeLateness() => _emulator.TakeLateness();

    public WorldNode Node(string name) => _topology.Nodes.Single(n => n.Name == name);

    /// <summary>A network whose probes' handsets have no radio (their addresses are routed, nothing delays them).</summary>
    /// <param name="prefix">Name prefix of every namespace and interface (at most 8 characters).</param>
    /// <param name="nodes">Node names (<see cref="Runtime.WorldPlan.NodeNames"/>: p-NAME for probes, d-NAME for deployments).</param>
    /// <param name="paths">Which node pairs are joined, and how.</param>
    /// <param name="seed">Seed of every random draw (loss, jitter), so a world is reproducible.</param>
    /// <param name="cancellationToken">Stops setting up; what was created is removed.</param>
    public static Task<EmulatedNetwork> StartAsync(string prefix, IReadOnlyList<string> nodes, IReadOnlyList<PathSpec> paths,
        ulong seed, CancellationToken cancellationToken) =>
        StartAsync(prefix, nodes, paths, seed, null, cancellationToken);

    /// <summary>
    /// Creates the namespaces, one shaper per path direction and one radio table per probe, and starts the emulator.
    /// Every probe of <paramref name="paths"/> gets its handsets' address block (<see cref="HandsetAddressPlan"/>).
    /// </summary>
    /// <param name="prefix">Name prefix of every namespace and interface (at most 8 characters).</param>
    /// <param name="nodes">Node names (<see cref="Runtime.WorldPlan.NodeNames"/>: p-NAME for probes, d-NAME for deployments).</param>
    /// <param name="paths">Which node pairs are joined, and how.</param>
    /// <param name="seed">Seed of every random draw (loss, jitter, promotions), so a world is reproducible.</param>
    /// <param name="radios">Each probe's radio by probe name (as in <see cref="PathSpec.Probe"/>); a probe absent
    /// from it, or the whole map null, has its radio off: its handsets' packets pass undelayed.</param>
    /// <param name="cancellationToken">Stops setting up; what was created is removed.</param>
    /// <param name="ledger">Where the emulator adds up each handset's radio waits (node indices as in
    /// <paramref name="nodes"/>, at least <see cref="HandsetAddressPlan.HandsetsPerNode"/> handsets each), or null.</param>
    /// <param name="wakeUp">The forwarding thread's trade of CPU for release precision; <see cref="WakeUpPolicy.Default"/> when null.</param>
    public static async Task<EmulatedNetwork> StartAsync(string prefix, IReadOnlyList<string> nodes, IReadOnlyList<PathSpec> paths,
        ulong seed, IReadOnlyDictionary<string, RadioParameters>? radios, CancellationToken cancellationToken, RadioLedger? ledger = null,
        WakeUpPolicy? wakeUp = null)
    {
        var index = nodes.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        var probes = paths.Select(p => p.Probe).Distinct(StringComparer.Ordinal).ToList();
        var probeNodes = probes.Select(p => index[Runtime.WorldPlan.ProbeNode(p)]).ToList();
        var topology = await NamespaceTopology.CreateAsync(prefix, nodes, probeNodes, cancellationToken).ConfigureAwait(false);
        try
        {
            var shapers = new IPacketShaper?[nodes.Count, nodes.Count];
            var pathShapers = new List<(IPacketShaper Up, IPacketShaper Down)>(paths.Count);
            var stream = 0UL;
            foreach (var path in paths)
            {
                var probe = index[Runtime.WorldPlan.ProbeNode(path.Probe)];
                var deployment = index[Runtime.WorldPlan.DeploymentNode(path.Deployment)];
                var up = ShaperFactory.Create(path.Up, seed, stream++);
                var down = ShaperFactory.Create(path.Down, seed, stream++);
                shapers[probe, deployment] = up;
                shapers[deployment, probe] = down;
                pathShapers.Add((up, down));
            }

            var handsetRadios = new HandsetRadios?[nodes.Count];
            for (var i = 0; i < probes.Count; i++)
            {
                // The radios' streams follow the shapers' (stream keeps counting), so adding a radio leaves every
                // path's loss and jitter draws as they were.
                var parameters = radios is not null && radios.TryGetValue(probes[i], out var found) ? found : null;
                handsetRadios[probeNodes[i]] = new HandsetRadios(parameters, HandsetAddressPlan.HandsetsPerNode,
                    ShaperFactory.StreamSeed(seed, stream++));
            }

            var descriptors = topology.TunDescriptors;
            var ports = topology.Nodes.Select((n, i) =>
                new EmulatorPort(n.Name, descriptors[i], BinaryPrimitives.ReadUInt32BigEndian(n.Address.GetAddressBytes()))).ToList();
            var emulator = new WanEmulator(ports, shapers, handsetRadios, ledger: ledger, wakeUp: wakeUp);
            emulator.Start();
            return new EmulatedNetwork(topology, emulator, paths, pathShapers);
        }
        catch
        {
            await topology.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Measures the emulator's own forwarding time each way (<see cref="ForwardingOverheadProbe"/>) on the path that
    /// adds the least noise (no loss, no jitter, shortest, if there is one), with whatever compensation is in force.
    /// </summary>
    public ForwardingOverhead MeasureOverhead(int samples, CancellationToken cancellationToken)
    {
        var path = _paths
            .OrderBy(p => p.Up.MeanLoss + p.Down.MeanLoss)
            .ThenBy(p => p.Up.Jitter + p.Down.Jitter)
            .ThenBy(p => p.Up.OneWayDelay + p.Down.OneWayDelay)
            .First();
        var probe = Node(Runtime.WorldPlan.ProbeNode(path.Probe));
        var deployment = Node(Runtime.WorldPlan.DeploymentNode(path.Deployment));
        var up = ForwardingOverheadProbe.Measure(probe.Namespace, deployment.Namespace, deployment.Address,
            ForwardingOverheadProbe.ExpectedDelay(path.Up.OneWayDelay, path.Up.BandwidthBitsPerSecond), samples, cancellationToken);
        var down = ForwardingOverheadProbe.Measure(deployment.Namespace, probe.Namespace, probe.Address,
            ForwardingOverheadProbe.ExpectedDelay(path.Down.OneWayDelay, path.Down.BandwidthBitsPerSecond), samples, cancellationToken);
        return new ForwardingOverhead(path.Probe, path.Deployment, up, down);
    }

    /// <summary>Takes each direction's measured median off every packet's delay in that direction, on every path.</summary>
    public void Compensate(ForwardingOverhead overhead)
    {
        var up = (long)(overhead.Up.MedianMs * System.Diagnostics.Stopwatch.Frequency / 1000);
        var down = (long)(overhead.Down.MedianMs * System.Diagnostics.Stopwatch.Frequency / 1000);
        foreach (var (upShaper, downShaper) in _shapers)
        {
            upShaper.CompensationTicks = up;
            downShaper.CompensationTicks = down;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _emulator.Dispose();
        await _topology.DisposeAsync().ConfigureAwait(false);
    }
}

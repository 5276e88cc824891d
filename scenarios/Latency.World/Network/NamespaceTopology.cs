using System.Net;
using Latency.World.Native;

namespace Latency.World.Network;

/// <summary>
/// Creates one network namespace per node, each with a TUN interface whose descriptor this process keeps, an
/// address in 198.18.0.0/15 (RFC 2544's range for benchmarking, so nothing real is ever addressed) and a route
/// for the whole range through the TUN device. Packets between namespaces then exist only in the emulator.
/// </summary>
/// <remarks>Names carry the world's prefix so a later <c>up</c> or <c>down</c> can find and remove leftovers.</remarks>
public sealed class NamespaceTopology : IAsyncDisposable
{
    public const string Range = "198.18.0.0/15";

    /// <summary>Packets a TUN device holds for the emulator to read (txqueuelen; the kernel's default for TUN is 500).</summary>
    public const int TunQueuePackets = 10_000;
    private readonly List<TunDevice> _tuns;

    private NamespaceTopology(IReadOnlyList<WorldNode> nodes, List<TunDevice> tuns)
    {
        Nodes = nodes;
        _tuns = tuns;
    }

    public IReadOnlyList<WorldNode> Nodes { get; }

    internal IReadOnlyList<int> TunDescriptors => _tuns.Select(t => t.Fd).ToList();

    public static string NamespaceName(string prefix, string node) => $"{prefix}-{node}";

    /// <summary>The TUN interface of the <paramref name="index"/>th node (15 bytes at most, so not the node's name).</summary>
    public static string TunName(string prefix, int index) => $"{prefix}t{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static IPAddress AddressOf(int index) =>
        index is < 0 or >= 250 * 250 ? throw new ArgumentOutOfRangeException(nameof(index)) : new IPAddress([198, 18, (byte)(index / 250), (byte)(index % 250 + 1)]);

    /// <summary>Creates the namespaces of <paramref name="nodeNames"/>, none with handsets.</summary>
    /// <param name="prefix">Name prefix of every namespace and interface (at most 8 characters).</param>
    /// <param name="nodeNames">The nodes, in the order that fixes their addresses.</param>
    /// <param name="cancellationToken">Stops setting up; what was created is removed.</param>
    public static Task<NamespaceTopology> CreateAsync(string prefix, IReadOnlyList<string> nodeNames, CancellationToken cancellationToken) =>
        CreateAsync(prefix, nodeNames, [], cancellationToken);

    /// <summary>
    /// Creates the namespaces of <paramref name="nodeNames"/>; in each of <paramref name="handsetNodes"/> the
    /// node's handset block (<see cref="HandsetAddressPlan.Block"/>) is local, so a client there can bind any handset
    /// address without an interface address per handset.
    /// </summary>
    /// <param name="prefix">Name prefix of every namespace and interface (at most 8 characters).</param>
    /// <param name="nodeNames">The nodes, in the order that fixes their addresses.</param>
    /// <param name="handsetNodes">Indices (into <paramref name="nodeNames"/>) of the nodes with handsets: the probes.</param>
    /// <param name="cancellationToken">Stops setting up; what was created is removed.</param>
    public static async Task<NamespaceTopology> CreateAsync(string prefix, IReadOnlyList<string> nodeNames, IReadOnlyCollection<int> handsetNodes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handsetNodes);
        if (prefix.Length > 8)
        {
            throw new ArgumentException("prefix must be at most 8 characters (TUN names are limited to 15)", nameof(prefix));
        }

        var nodes = new List<WorldNode>();
        var tuns = new List<TunDevice>();
        var topology = new NamespaceTopology(nodes, tuns);
        try
        {
            for (var i = 0; i < nodeNames.Count; i++)
            {
                var node = new WorldNode(nodeNames[i], NamespaceName(prefix, nodeNames[i]), TunName(prefix, i), AddressOf(i));
                await IpCommand.RunAsync(cancellationToken, "netns", "add", node.Namespace).ConfigureAwait(false);
                nodes.Add(node);
                await IpCommand.RunAsync(cancellationToken, "-n", node.Namespace, "link", "set", "lo", "up").ConfigureAwait(false);
                var tun = TunDevice.Create(node.TunName);
                tuns.Add(tun);
                await IpCommand.RunAsync(cancellationToken, "link", "set", node.TunName, "netns", node.Namespace).ConfigureAwait(false);
                await IpCommand.RunAsync(cancellationToken, "-n", node.Namespace, "addr", "add", $"{node.Address}/32", "dev", node.TunName).ConfigureAwait(false);
                // A TUN device queues what its namespace sends until the emulator reads it, 500 packets by default:
                // a sender's burst (a UDP probe catching up after a pause) overflowed it and lost packets no path
                // model asked for. The path's own bottleneck queue is the shaper's; this one only has to never fill.
                await IpCommand.RunAsync(cancellationToken, "-n", node.Namespace, "link", "set", node.TunName, "mtu", "1500", "txqueuelen",
                    TunQueuePackets.ToString(System.Globalization.CultureInfo.InvariantCulture), "up").ConfigureAwait(false);
                await IpCommand.RunAsync(cancellationToken, "-n", node.Namespace, "route", "add", Range, "dev", node.TunName).ConfigureAwait(false);
                if (handsetNodes.Contains(i))
                {
                    // AnyIP: a local route for the whole block lets a socket bind any of its addresses, and packets
                    // from them leave through the TUN device like the node's own. Every other namespace already
                    // routes the block (it is inside Range) to its TUN device, so replies reach the emulator.
                    await IpCommand.RunAsync(cancellationToken, "-n", node.Namespace, "route", "add", "local", HandsetAddressPlan.Block(i), "dev", "lo")
                        .ConfigureAwait(false);
                }
            }

            return topology;
        }
        catch
        {
            await topology.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the TUN descriptors (the interfaces vanish with them) and deletes the namespaces.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var tun in _tuns)
        {
            tun.Dispose();
        }

        _tuns.Clear();
        foreach (var node in Nodes)
        {
            await IpCommand.TryRunAsync(CancellationToken.None, "netns", "del", node.Namespace).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Removes namespaces and TUN interfaces whose names start with <paramref name="prefix"/>, whoever made them: for
    /// tools and tests with a prefix of their own. <c>world up</c> and <c>down</c> use <see cref="RemoveAsync"/> instead.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RemoveLeftoversAsync(string prefix, CancellationToken cancellationToken)
    {
        var namespaces = (await NamespacesAsync(cancellationToken).ConfigureAwait(false)).Where(n => n.StartsWith(prefix, StringComparison.Ordinal));
        var links = (await TunLinksAsync(cancellationToken).ConfigureAwait(false)).Where(n => n.StartsWith(prefix, StringComparison.Ordinal));
        return await RemoveAsync([.. namespaces], [.. links], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes those of <paramref name="namespaces"/> and <paramref name="links"/> (TUN interfaces) that exist, and
    /// nothing else: a world removes what its own plan named, never another's that happens to share a prefix.
    /// </summary>
    /// <param name="namespaces">Namespace names to remove.</param>
    /// <param name="links">TUN interface names to remove (in the root namespace; one moved into a namespace goes with it).</param>
    /// <param name="cancellationToken">Stops removing.</param>
    public static async Task<IReadOnlyList<string>> RemoveAsync(IReadOnlyCollection<string> namespaces, IReadOnlyCollection<string> links,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentNullException.ThrowIfNull(links);
        var removed = new List<string>();
        foreach (var name in (await NamespacesAsync(cancellationToken).ConfigureAwait(false)).Where(namespaces.Contains))
        {
            await IpCommand.TryRunAsync(cancellationToken, "netns", "del", name).ConfigureAwait(false);
            removed.Add("netns " + name);
        }

        foreach (var name in (await TunLinksAsync(cancellationToken).ConfigureAwait(false)).Where(links.Contains))
        {
            await IpCommand.TryRunAsync(cancellationToken, "link", "del", name).ConfigureAwait(false);
            removed.Add("link " + name);
        }

        return removed;
    }

    /// <summary>The named network namespaces on this machine (<c>ip netns list</c>).</summary>
    public static async Task<IReadOnlyList<string>> NamespacesAsync(CancellationToken cancellationToken)
    {
        var (_, namespaces, _) = await IpCommand.TryRunAsync(cancellationToken, "netns", "list").ConfigureAwait(false);
        return namespaces.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();
    }

    private static async Task<IReadOnlyList<string>> TunLinksAsync(CancellationToken cancellationToken)
    {
        var (_, links, _) = await IpCommand.TryRunAsync(cancellationToken, "-o", "link", "show", "type", "tun").ConfigureAwait(false);
        return links.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 3))
            .Select(parts => parts.Length > 1 ? parts[1].Trim().Split('@')[0] : string.Empty)
            .Where(name => name.Length > 0)
            .ToList();
    }

    public static bool HasNetAdmin => Libc.GetEffectiveUserId() == 0;
}

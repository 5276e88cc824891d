using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Latency.RunDirectory;
using Latency.World.Backend;
using Latency.World.Native;
using Latency.World.Network;
using Latency.World.Tls;

namespace Latency.World.Runtime;

/// <summary>
/// The world's backends process: one handset backend per deployment, listening on 443 inside the deployment's
/// namespace (the socket is created there and handed to Kestrel), TLS 1.3 with a certificate from the world CA.
/// When everything listens it writes the world's state.
/// </summary>
public static class BackendsPart
{
    public const int Port = 443;

    public static string DnsName(string deployment) => $"{deployment}.world.latency";

    public static async Task<int> RunAsync(WorldDirectory directory, TextWriter log, CancellationToken stop)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the emulated world needs Linux network namespaces");
        }

        var plan = directory.Read<WorldPlan>(directory.PlanFile) ?? throw new IOException($"no world plan at {directory.PlanFile}");
        using var authority = WorldCertificateAuthority.Load(directory.Path);
        var backends = new List<HandsetBackend>();
        var sockets = new List<Socket>();
        try
        {
            var deployments = new List<DeploymentState>();
            foreach (var deployment in plan.Deployments)
            {
                var node = WorldPlan.DeploymentNode(deployment.Name);
                var address = NamespaceTopology.AddressOf(plan.NodeNames.ToList().IndexOf(node));
                var ns = NamespaceTopology.NamespaceName(plan.Prefix, node);
                Socket listener;
                using (NetworkNamespaceScope.Enter(ns))
                {
                    listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                }

                sockets.Add(listener);
                listener.Bind(new IPEndPoint(address, Port));
                listener.Listen(1024);
                var certificate = authority.IssueServerCertificate([DnsName(deployment.Name)], [address]);
                backends.Add(await HandsetBackend.StartAsync(listener, new HandsetBackendOptions().WithCertificate(certificate), stop)
                    .ConfigureAwait(false));
                deployments.Add(new DeploymentState(deployment.Name, deployment.Site, deployment.Role, ns, $"https://{address}/"));
                await log.WriteLineAsync($"backend {deployment.Name} listening on {address}:{Port} in {ns}").ConfigureAwait(false);
            }

            directory.Write(directory.StateFile, StateOf(plan, directory, deployments, NetworkBackend.Tun));
            await File.WriteAllTextAsync(directory.BackendsReadyFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), stop)
                .ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The normal way out: world down.
            }

            return 0;
        }
        finally
        {
            foreach (var backend in backends)
            {
                await backend.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>The state of a world from its plan and its deployments' URLs.</summary>
    public static WorldState StateOf(WorldPlan plan, WorldDirectory directory, IReadOnlyList<DeploymentState> deployments, NetworkBackend backend,
        IReadOnlyDictionary<(string Probe, string Deployment), string>? relayEndpoints = null)
    {
        var names = plan.NodeNames.ToList();
        return new WorldState
        {
            WorldName = plan.WorldName,
            WorldFile = plan.WorldFile,
            WorldContentSha256 = plan.WorldContentSha256,
            Profile = plan.Profile,
            Prefix = plan.Prefix,
            Backend = backend,
            StartedUtc = DateTimeOffset.UtcNow,
            ProcessIds = [],
            CaCertificateFile = WorldCertificateAuthority.CertificatePath(directory.Path),
            Probes = plan.Probes.Select(p => ProbeStateOf(p, plan.Prefix, names.IndexOf(WorldPlan.ProbeNode(p.Name)), backend)).ToList(),
            Deployments = deployments,
            Paths = plan.Paths.Select(p => new PathState(p.Probe, p.Deployment,
                Math.Round(p.BaseRtt.TotalMilliseconds, 3),
                Math.Round(p.Up.Jitter.TotalMilliseconds, 3),
                Math.Round(p.Up.MeanLoss * 100, 3),
                Math.Round(p.Down.MeanLoss * 100, 3),
                p.Up.BandwidthBitsPerSecond / 1e6,
                p.Down.BandwidthBitsPerSecond / 1e6,
                relayEndpoints is not null && relayEndpoints.TryGetValue((p.Probe, p.Deployment), out var endpoint) ? endpoint : null)).ToList(),
        };
    }

    /// <summary>A probe as clients reach it: with the tun backend its namespace, its own address and its handsets.</summary>
    /// <param name="probe">The planned probe.</param>
    /// <param name="prefix">The world's name prefix.</param>
    /// <param name="nodeIndex">The probe's index among the world's nodes (which fixes its addresses).</param>
    /// <param name="backend">Tun or relay; relays have no namespaces, so no addresses and no handsets.</param>
    private static ProbeState ProbeStateOf(PlannedProbe probe, string prefix, int nodeIndex, NetworkBackend backend) =>
        backend == NetworkBackend.Tun
            ? new ProbeState(probe.Name, probe.Country, probe.City,
                NamespaceTopology.NamespaceName(prefix, WorldPlan.ProbeNode(probe.Name)),
                NamespaceTopology.AddressOf(nodeIndex).ToString(),
                // The study's pool gets the handsets before the ones the plan keeps for calibration.
                new HandsetState(HandsetAddressPlan.HandsetAddress(nodeIndex, 0).ToString(), HandsetAddressPlan.StudyHandsets, probe.Radio is not null,
                    probe.Radio?.PromotionDelayMean.TotalMilliseconds, probe.Radio?.TailTimer.TotalMilliseconds))
            : new ProbeState(probe.Name, probe.Country, probe.City, null, null);
}

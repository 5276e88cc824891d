using System.Net;
using System.Net.Sockets;
using Latency.Bench.Http;
using Latency.RunDirectory;
using Latency.World.Network;
using Latency.World.Runtime;
using Latency.World.Tls;

namespace Latency.Bench.Study;

/// <summary>
/// How a client at a probe reaches a deployment of a running world: with namespaces, sockets are created in the
/// probe's namespace and the URL is the deployment's address; with relays, the URL names the deployment (so TLS
/// checks its certificate) and the connection goes to that path's relay. The world's CA is the only extra root.
/// </summary>
public sealed class WorldEndpoints(WorldState world)
{
    private readonly Lazy<System.Security.Cryptography.X509Certificates.X509Certificate2Collection> _roots =
        new(() => WorldCertificateAuthority.LoadTrustedRoots(world.CaCertificateFile));

    public WorldState World => world;

    public (Uri BaseUrl, HttpClientSettings Settings) For(string probe, string deployment, HttpClientSettings? template = null)
    {
        var settings = (template ?? new HttpClientSettings()) with { TrustedRoots = _roots.Value };
        var target = world.Deployments.SingleOrDefault(d => d.Name == deployment)
                     ?? throw new ArgumentException($"the world has no deployment '{deployment}'", nameof(deployment));
        if (world.Backend == NetworkBackend.Tun)
        {
            var ns = world.Probes.SingleOrDefault(p => p.Name == probe)?.Namespace
                     ?? throw new ArgumentException($"the world has no probe '{probe}'", nameof(probe));
            return (new Uri(target.Url), settings with
            {
                SocketFactory = family => NamespaceSockets.Create(ns, family, SocketType.Stream, ProtocolType.Tcp),
            });
        }

        var path = world.Paths.SingleOrDefault(p => p.Probe == probe && p.Deployment == deployment)
                   ?? throw new ArgumentException($"the world has no path {probe} -> {deployment}");
        var relay = IPEndPoint.Parse(path.RelayEndpoint ?? throw new InvalidOperationException($"no relay for {probe} -> {deployment}"));
        return (new Uri($"https://{BackendsPart.DnsName(deployment)}/"), settings with { EndpointOverride = _ => relay });
    }
}

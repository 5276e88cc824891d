using System.Globalization;
using System.Net;
using Latency.RunDirectory;
using Latency.World.Backend;
using Latency.World.Relay;
using Latency.World.Tls;

namespace Latency.World.Runtime;

/// <summary>
/// The world without root: every deployment's backend on loopback, and per path a loopback relay that applies the
/// path's delay and bandwidth to each chunk (no per-packet loss: loopback TCP never loses). Clients of a probe
/// reach a deployment through that path's relay endpoint, recorded in the state.
/// </summary>
public static class RelayPart
{
    public static async Task<int> RunAsync(WorldDirectory directory, TextWriter log, CancellationToken stop)
    {
        var plan = directory.Read<WorldPlan>(directory.PlanFile) ?? throw new IOException($"no world plan at {directory.PlanFile}");
        using var authority = WorldCertificateAuthority.Load(directory.Path);
        var backends = new List<HandsetBackend>();
        RelayWorld? relays = null;
        try
        {
            var endpoints = new Dictionary<string, IPEndPoint>(StringComparer.Ordinal);
            var deployments = new List<DeploymentState>();
            foreach (var deployment in plan.Deployments)
            {
                // Clients reach the backend through relays on other ports, so its certificate names the
                // deployment and loopback; clients ask for the deployment's name (SNI), not the relay's address.
                var certificate = authority.IssueServerCertificate([BackendsPart.DnsName(deployment.Name)], [IPAddress.Loopback]);
                var backend = await HandsetBackend.StartAsync(new HandsetBackendOptions().WithAddress(IPAddress.Loopback, 0).WithCertificate(certificate), stop)
                    .ConfigureAwait(false);
                backends.Add(backend);
                endpoints[deployment.Name] = new IPEndPoint(IPAddress.Loopback, backend.BaseUrl.Port);
                deployments.Add(new DeploymentState(deployment.Name, deployment.Site, deployment.Role, null, backend.BaseUrl.AbsoluteUri));
            }

            relays = await RelayWorld.StartAsync(plan.Paths, endpoints, stop).ConfigureAwait(false);
            var relayEndpoints = plan.Paths.ToDictionary(p => (p.Probe, p.Deployment), p => relays.EndpointFor(p.Probe, p.Deployment).ToString());
            directory.Write(directory.StateFile, BackendsPart.StateOf(plan, directory, deployments, NetworkBackend.Relay, relayEndpoints));
            await File.WriteAllTextAsync(directory.BackendsReadyFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), stop)
                .ConfigureAwait(false);
            await log.WriteLineAsync($"relay world up: {backends.Count} backends, {relayEndpoints.Count} relays").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // world down
            }

            return 0;
        }
        finally
        {
            if (relays is not null)
            {
                await relays.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var backend in backends)
            {
                await backend.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}

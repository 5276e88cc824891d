using Latency.RunDirectory;
using Latency.World.Runtime;

namespace Latency.Bench.Cli;

/// <summary>
/// What <c>world status --json</c> prints: a stable shape for scripts (<c>probes[] {name, country, namespace,
/// handsets {first_address, count, radio}}</c>,
/// <c>deployments[] {name, namespace, url}</c>, <c>paths[] {probe, deployment, rtt_ms, loss_pct, down_mbps, up_mbps}</c>).
/// </summary>
public sealed record StatusJson(
    bool Up,
    string? World,
    string? Profile,
    NetworkBackend? Backend,
    string? CaCertificateFile,
    IReadOnlyList<StatusJson.Probe> Probes,
    IReadOnlyList<StatusJson.Deployment> Deployments,
    IReadOnlyList<StatusJson.Path> Paths,
    IReadOnlyList<string> Leftovers)
{
    /// <summary>A probe; <paramref name="Handsets"/> is null where it has none (relay backend).</summary>
    /// <param name="Name">The probe's name.</param>
    /// <param name="Country">ISO country code.</param>
    /// <param name="City">City name.</param>
    /// <param name="Namespace">Its network namespace (tun backend).</param>
    /// <param name="Address">Its own address (tun backend).</param>
    /// <param name="Handsets">Its handsets' addresses and whether their radio is on.</param>
    public sealed record Probe(string Name, string Country, string City, string? Namespace, string? Address, HandsetState? Handsets);

    public sealed record Deployment(string Name, string Role, string Site, string? Namespace, string Url);

    public sealed record Path(string Probe, string Deployment, double RttMs, double JitterMs, double LossPct, double LossUpPct,
        double LossDownPct, double? DownMbps, double? UpMbps, string? RelayEndpoint);

    public static StatusJson From(WorldState? state, IReadOnlyList<string> leftovers) => state is null
        ? new StatusJson(false, null, null, null, null, [], [], [], leftovers)
        : new StatusJson(true, state.WorldName, state.Profile, state.Backend, state.CaCertificateFile,
            state.Probes.Select(p => new Probe(p.Name, p.Country, p.City, p.Namespace, p.Address, p.Handsets)).ToList(),
            state.Deployments.Select(d => new Deployment(d.Name, d.Role, d.Site, d.Namespace, d.Url)).ToList(),
            state.Paths.Select(p => new Path(p.Probe, p.Deployment, p.RttMs, p.JitterMs, p.LossPct, p.LossUpPct, p.LossDownPct,
                p.DownMbps, p.UpMbps, p.RelayEndpoint)).ToList(),
            leftovers);
}

using Latency.Scenarios.Worlds;
using Latency.World.Radio;

namespace Latency.World.Runtime;

/// <summary>
/// Everything the world's processes need to start, written by <c>world up</c> into the state directory and read by
/// the network and backend processes: names, the resolved paths, where the certificates are.
/// </summary>
public sealed record WorldPlan
{
    public required string WorldName { get; init; }
    public string? WorldFile { get; init; }

    /// <summary>SHA-256 of the world file's text (the embedded text for the built-in world): what makes it this world.</summary>
    public string? WorldContentSha256 { get; init; }

    public required string Profile { get; init; }
    public required string Prefix { get; init; }
    public required ulong Seed { get; init; }
    public required IReadOnlyList<PlannedProbe> Probes { get; init; }
    public required IReadOnlyList<PlannedDeployment> Deployments { get; init; }
    public required IReadOnlyList<PathSpec> Paths { get; init; }

    /// <summary>
    /// All node names, probes first: the order fixes each node's address. Probes and deployments may share a name
    /// (a Mumbai probe, a Mumbai deployment), so nodes are named by kind: <c>p-mumbai</c>, <c>d-mumbai</c>.
    /// </summary>
    public IReadOnlyList<string> NodeNames => [.. Probes.Select(p => ProbeNode(p.Name)), .. Deployments.Select(d => DeploymentNode(d.Name))];

    public static string ProbeNode(string probe) => "p-" + probe;

    public static string DeploymentNode(string deployment) => "d-" + deployment;
}

/// <summary>A probe in a plan: where the client side of sessions runs.</summary>
/// <param name="Name">The probe's name in the world file.</param>
/// <param name="Country">ISO country code.</param>
/// <param name="City">City name.</param>
/// <param name="Radio">Its handsets' radio (from <c>last_mile.radio</c>), null where the world file gives none: the
/// emulator then passes the handsets' packets without a radio delay.</param>
public sealed record PlannedProbe(string Name, string Country, string City, RadioParameters? Radio = null);

/// <summary>A deployment in a plan: where a handset backend runs.</summary>
public sealed record PlannedDeployment(string Name, string Site, string Role);

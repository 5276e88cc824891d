using Latency.RunDirectory;

namespace Latency.World.Runtime;

/// <summary>
/// What is up right now, as <c>world status</c> shows it and clients use it: namespaces, addresses, URLs, the
/// processes that hold them. Written by <c>world up</c> once everything is ready.
/// </summary>
public sealed record WorldState
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string WorldName { get; init; }
    public string? WorldFile { get; init; }

    /// <summary>
    /// SHA-256 of the world file's text when the world came up; null in a state written before it was recorded.
    /// A world wanted under the same name is this one only if its file's text hashes the same.
    /// </summary>
    public string? WorldContentSha256 { get; init; }

    public required string Profile { get; init; }
    public required string Prefix { get; init; }

    /// <summary>Tun (namespaces and the WAN emulator) or relay (loopback relays, no root); "tun"/"relay" in state.json.</summary>
    public required NetworkBackend Backend { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }
    public required IReadOnlyList<int> ProcessIds { get; init; }
    public required string CaCertificateFile { get; init; }
    public required IReadOnlyList<ProbeState> Probes { get; init; }
    public required IReadOnlyList<DeploymentState> Deployments { get; init; }
    public required IReadOnlyList<PathState> Paths { get; init; }
}

/// <summary>A probe as clients reach it.</summary>
/// <param name="Name">The probe's name in the world file.</param>
/// <param name="Country">ISO country code.</param>
/// <param name="City">City name.</param>
/// <param name="Namespace">Its network namespace (tun backend), null with relays.</param>
/// <param name="Address">Its own address in the namespace (tun backend).</param>
/// <param name="Handsets">Its simulated handsets' addresses, null where the world has none (relay backend, or a
/// state written before handsets existed): clients then send from <paramref name="Address"/> and no radio applies.</param>
public sealed record ProbeState(string Name, string Country, string City, string? Namespace, string? Address, HandsetState? Handsets = null);

public sealed record DeploymentState(string Name, string Site, string Role, string? Namespace, string Url);

/// <summary>A path's configured model in round numbers (what scripts compare against measurements).</summary>
public sealed record PathState(
    string Probe,
    string Deployment,
    double RttMs,
    double JitterMs,
    double LossUpPct,
    double LossDownPct,
    double? UpMbps,
    double? DownMbps,
    string? RelayEndpoint = null)
{
    /// <summary>Mean loss over both directions, as the status JSON's <c>loss_pct</c> shows it.</summary>
    public double LossPct => (LossUpPct + LossDownPct) / 2;
}

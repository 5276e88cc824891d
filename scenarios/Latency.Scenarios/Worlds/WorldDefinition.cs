namespace Latency.Scenarios.Worlds;

/// <summary>
/// An emulated world as read from a world file (see docs/world-reference.md): where users are (probes), where the
/// backend runs (deployments), and the network between them (paths), under named profiles.
/// </summary>
/// <param name="Name">The world's name (defaults to the file name).</param>
/// <param name="SourceFile">The file it was read from, as given to the loader.</param>
/// <param name="Profiles">Declared profiles, in file order; the first is the default.</param>
/// <param name="Probes">User locations with their last mile.</param>
/// <param name="Deployments">Backend sites.</param>
/// <param name="Paths">One per (probe, deployment) pair that can be measured.</param>
public sealed record WorldDefinition(
    string Name,
    string SourceFile,
    IReadOnlyList<ProfileDefinition> Profiles,
    IReadOnlyList<ProbeDefinition> Probes,
    IReadOnlyList<DeploymentDefinition> Deployments,
    IReadOnlyList<PathDefinition> Paths)
{
    /// <summary>
    /// SHA-256 (lower-case hex) of the text the world was read from; empty for a world built in code. Two files can
    /// give a world the same name: a world that is up is compared with a wanted one by this, not by name or path.
    /// </summary>
    public string ContentSha256 { get; init; } = string.Empty;

    /// <summary>The profile names a world can be brought up in, in file order.</summary>
    public IReadOnlyList<string> ProfileNames => Profiles.Select(p => p.Name).ToList();

    /// <summary>The profile used when none is asked for: the first declared.</summary>
    public string DefaultProfile => Profiles[0].Name;

    /// <summary>
    /// The model of every path under <paramref name="profile"/>, last mile included, in file order. Per direction:
    /// one-way delay = (backbone RTT + last-mile RTT) / 2 (the RTT is split evenly, as no source gives the split);
    /// jitter = the path's jitter (per direction); loss = the direction's loss or burst-loss model; bandwidth =
    /// min(the last mile's speed in that direction, the path's bandwidth in that direction).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="profile"/> is not declared.</exception>
    public IReadOnlyList<PathSpec> ResolvePaths(string profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!Profiles.Any(p => p.Name == profile))
        {
            throw new ArgumentException($"world '{Name}' has no profile '{profile}' (profiles: {string.Join(", ", ProfileNames)})", nameof(profile));
        }

        var probes = Probes.ToDictionary(p => p.Name, StringComparer.Ordinal);
        return Paths.Select(path => Resolve(probes[path.Probe], path, profile)).ToList();
    }

    private static PathSpec Resolve(ProbeDefinition probe, PathDefinition path, string profile)
    {
        var values = path.ParametersFor(profile);
        var rttMs = (values.RttMs?.Value ?? 0) + probe.LastMileRttMs.Value;
        var oneWay = Milliseconds(rttMs / 2);
        var jitter = Milliseconds(values.JitterMs?.Value ?? 0);
        var up = new LinkModel(
            oneWay,
            jitter,
            (values.LossUpPct?.Value ?? 0) / 100,
            values.BurstLossUp?.Model,
            BitsPerSecond(probe.LastMileUpMbps.Value, values.BandwidthUpMbps?.Value),
            LinkModel.DefaultQueueBytes);
        var down = new LinkModel(
            oneWay,
            jitter,
            (values.LossDownPct?.Value ?? 0) / 100,
            values.BurstLossDown?.Model,
            BitsPerSecond(probe.LastMileDownMbps.Value, values.BandwidthDownMbps?.Value),
            LinkModel.DefaultQueueBytes);
        return new PathSpec(path.Probe, path.Deployment, up, down);
    }

    // Whole ticks, so 81.2 ms stays 81.2 ms rather than going through a rounding overload.
    private static TimeSpan Milliseconds(double ms) => TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));

    private static double BitsPerSecond(double lastMileMbps, double? pathMbps) =>
        Math.Min(lastMileMbps, pathMbps ?? double.PositiveInfinity) * 1_000_000;
}

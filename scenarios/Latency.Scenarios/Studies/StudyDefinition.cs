using Latency.Scenarios.Residency;
using Latency.Scenarios.Suites;
using Latency.Scenarios.Validation;
using Latency.Scenarios.Worlds;
using Latency.Scenarios.Workloads;

namespace Latency.Scenarios.Studies;

/// <summary>
/// The <c>study</c> section of a suite (docs/suite-reference.md, "Study"): from each probe, sessions of every
/// workload arrive (Poisson) and alternate between the deployments compared, for <see cref="Duration"/>, all probes
/// at once. Validated as far as the suite file alone allows; names of probes and deployments are checked against
/// the world by <see cref="Validate(WorldDefinition)"/> once the caller has the world.
/// </summary>
/// <param name="WorldSource">Built-in world, a world file, or none (real endpoints).</param>
/// <param name="WorldPath">For <see cref="StudyWorldSource.File"/>: the world file, resolved against the suite's folder; else null.</param>
/// <param name="Profile">The world's profile to bring up, or null for the world's default; always null with world none.</param>
/// <param name="Duration">How long sessions arrive, per probe; sessions in flight then drain.</param>
/// <param name="Seed">Seeds the arrivals and the order of deployments, so a rerun makes the same schedule.</param>
/// <param name="Compare">Per probe, the deployments compared, origin first; at least one entry.</param>
/// <param name="Roles">Deployments playing roles other than <c>service</c>.</param>
/// <param name="Workloads">The workloads and their arrival rates; at least one.</param>
/// <param name="Endpoints">With world none: every deployment's base URL; otherwise empty.</param>
/// <param name="Thresholds">Checks on session latency; a <c>name:</c> prefix names a workload.</param>
/// <param name="Location">Where the <c>study:</c> section starts.</param>
public sealed record StudyDefinition(
    StudyWorldSource WorldSource,
    string? WorldPath,
    string? Profile,
    TimeSpan Duration,
    int Seed,
    IReadOnlyList<CompareEntry> Compare,
    IReadOnlyList<StudyRole> Roles,
    IReadOnlyList<StudyWorkload> Workloads,
    IReadOnlyDictionary<string, Uri> Endpoints,
    IReadOnlyList<ThresholdDefinition> Thresholds,
    SourceLocation? Location = null)
{
    /// <summary>The <c>world</c> value naming the embedded world.</summary>
    public const string BuiltinWorld = "builtin";

    /// <summary>The <c>world</c> value for real endpoints.</summary>
    public const string NoWorld = "none";

    /// <summary>Used when <c>max_error_rate</c> is not given: 1% of sessions.</summary>
    public const double DefaultMaxErrorRate = 0.01;

    /// <summary>
    /// The share of failed sessions (0-1) above which a comparison gets the verdict "errors" instead of faster or
    /// slower: the successful sessions of a deployment that fails often are not the sessions its users see.
    /// </summary>
    public double MaxErrorRate { get; init; } = DefaultMaxErrorRate;

    /// <summary>Used when <c>practical_difference</c> is not given: 5% (a gain of at least 1.05x counts).</summary>
    public const double DefaultPracticalDifference = 0.05;

    /// <summary>
    /// The smallest p50 gain, as a share, that counts as faster or slower (0.05: at least 1.05x); smaller gains are "no
    /// clear difference" however narrow their interval, since a user would not notice them.
    /// </summary>
    public double PracticalDifference { get; init; } = DefaultPracticalDifference;

    /// <summary>
    /// The widest p50-gain 95% interval wanted, as a share of the gain (0.15: the gain within ±15%); null: no target.
    /// Workloads with a <c>max_sessions_per_minute</c> run at that rate until their interval is this narrow.
    /// </summary>
    public double? Precision { get; init; }

    /// <summary>
    /// Whether sessions send from simulated handsets (<c>radio: on</c>, the default), so the emulator applies each
    /// handset's radio (promotion from idle, DRX) and a workload's <c>idle_before</c> is realised; off: from the
    /// probe's own address, no radio, as before handsets existed.
    /// </summary>
    public bool Radio { get; init; } = true;

    /// <summary>The <c>residency</c> section: forbidden jurisdictions, and jurisdictions and copies the world does not declare.</summary>
    public StudyResidencyDefinition Residency { get; init; } = StudyResidencyDefinition.None;

    /// <summary>The <c>residency: ...</c> entries of <c>thresholds</c>, checked on every in-region option's sessions.</summary>
    public IReadOnlyList<ResidencyThreshold> ResidencyThresholds { get; init; } = [];

    /// <summary>Used when <c>seed</c> is not given.</summary>
    public const int DefaultSeed = 1;

    /// <summary>The probes sessions start from, in file order.</summary>
    public IReadOnlyList<string> Probes => Compare.Select(c => c.Probe).ToList();

    /// <summary>Every deployment the study talks to (compared ones, then role deployments), each once, in file order.</summary>
    public IReadOnlyList<string> Deployments =>
        Compare.SelectMany(c => c.Deployments).Concat(Roles.Select(r => r.Deployment)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The deployment a request of <paramref name="role"/> goes to in a session against <paramref name="underTest"/>:
    /// <paramref name="underTest"/> itself for <c>service</c>, else the mapped deployment.
    /// </summary>
    /// <exception cref="ArgumentException">The role is not mapped (a loaded study maps every role its workloads use).</exception>
    public string DeploymentFor(string role, string underTest)
    {
        if (role == WorkloadRequest.ServiceRole) return underTest;
        return Roles.FirstOrDefault(r => r.Role == role)?.Deployment
            ?? throw new ArgumentException($"role '{role}' is not mapped to a deployment", nameof(role));
    }

    /// <summary>
    /// Checks the study against the world it will run in: the profile exists, every probe and deployment named
    /// exists, a path joins each probe to each deployment its sessions reach, and each deployment offers the HTTP
    /// version of each workload. Returns every problem, located in the suite file; empty when it can run.
    /// </summary>
    public IReadOnlyList<ValidationError> Validate(WorldDefinition world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var errors = new List<ValidationError>();
        var probes = world.Probes.Select(p => p.Name).ToList();
        var deployments = world.Deployments.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var paths = world.Paths.Select(p => (p.Probe, p.Deployment)).ToHashSet();

        if (Profile is not null && !world.ProfileNames.Contains(Profile))
        {
            errors.Add(new ValidationError(Location, $"world '{world.Name}' has no profile '{Profile}' (profiles: {string.Join(", ", world.ProfileNames)})"));
        }

        foreach (var role in Roles)
        {
            if (!deployments.ContainsKey(role.Deployment))
            {
                errors.Add(new ValidationError(role.Location, Unknown("deployment", role.Deployment, world, deployments.Keys)));
            }
        }

        foreach (var comparison in Compare)
        {
            var probeKnown = probes.Contains(comparison.Probe);
            if (!probeKnown) errors.Add(new ValidationError(comparison.Location, Unknown("probe", comparison.Probe, world, probes)));

            foreach (var deployment in comparison.Deployments)
            {
                if (!deployments.ContainsKey(deployment))
                {
                    errors.Add(new ValidationError(comparison.Location, Unknown("deployment", deployment, world, deployments.Keys)));
                }
                else if (probeKnown && !paths.Contains((comparison.Probe, deployment)))
                {
                    errors.Add(new ValidationError(comparison.Location, $"world '{world.Name}' has no path from probe '{comparison.Probe}' to deployment '{deployment}'"));
                }
            }

            // Role deployments are reached from every probe, whichever deployment is under test.
            if (!probeKnown) continue;
            foreach (var role in Roles.Where(r => deployments.ContainsKey(r.Deployment) && !paths.Contains((comparison.Probe, r.Deployment))))
            {
                errors.Add(new ValidationError(role.Location, $"role '{role.Role}': world '{world.Name}' has no path from probe '{comparison.Probe}' to deployment '{role.Deployment}'"));
            }
        }

        foreach (var entry in Workloads)
        {
            var reached = Compare.SelectMany(c => c.Deployments)
                .Concat(entry.Workload.Roles.Where(r => r != WorkloadRequest.ServiceRole).Select(r => Roles.FirstOrDefault(m => m.Role == r)?.Deployment))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal);
            foreach (var name in reached)
            {
                if (deployments.TryGetValue(name, out var deployment) && !deployment.HttpVersions.Contains(entry.Workload.HttpVersion))
                {
                    errors.Add(new ValidationError(entry.Location,
                        $"workload {entry.Workload.Name}: needs HTTP/{entry.Workload.HttpVersion} but deployment '{name}' offers only {string.Join(", ", deployment.HttpVersions.Select(v => "HTTP/" + v))}"));
                }
            }
        }

        errors.AddRange(ResidencyProblems(world));
        return errors.OrderBy(e => e.Location?.Line ?? 0).ToList();
    }

    /// <summary>
    /// Where each deployment the study reaches or copies to keeps users' data, the copies made, and the jurisdictions
    /// watched, from <paramref name="world"/> (null: <c>world: none</c>) and the study's <c>residency</c> section. A
    /// deployment neither places has no jurisdiction (reported as unknown); forbidden defaults to the jurisdictions of
    /// the compared origins (the first deployment of each <c>compare</c> entry): the place the move leaves.
    /// </summary>
    /// <param name="world">The world the study runs in; null for real endpoints.</param>
    public ResidencyPlan ResolveResidency(WorldDefinition? world)
    {
        var replication = (world?.Deployments.SelectMany(d => d.ReplicatesTo) ?? []).Concat(Residency.Replication).ToList();
        var jurisdictions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var deployment in Deployments.Concat(replication.Select(r => r.To)))
        {
            jurisdictions[deployment] = Residency.Jurisdictions.TryGetValue(deployment, out var declared)
                ? declared.Code
                : world?.Deployments.FirstOrDefault(d => d.Name == deployment)?.Jurisdiction;
        }

        var forbidden = Residency.Forbidden
            ?? Compare.Select(c => jurisdictions.GetValueOrDefault(c.Deployments[0])).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new ResidencyPlan(jurisdictions, replication, forbidden, ResidencyThresholds);
    }

    /// <summary>
    /// Problems of the <c>residency</c> section against <paramref name="world"/> (null: <c>world: none</c>): a
    /// jurisdiction the study gives a deployment must not contradict the world file's, and a copy must go to a
    /// deployment the world has or the study places.
    /// </summary>
    /// <param name="world">The world; null for real endpoints.</param>
    public IEnumerable<ValidationError> ResidencyProblems(WorldDefinition? world)
    {
        foreach (var (deployment, (code, location)) in Residency.Jurisdictions)
        {
            var placed = world?.Deployments.FirstOrDefault(d => d.Name == deployment);
            if (world is not null && placed is null)
            {
                yield return new ValidationError(location, Unknown("deployment", deployment, world, world.Deployments.Select(d => d.Name)));
            }
            else if (placed?.Jurisdiction is { } worldCode && worldCode != code)
            {
                yield return new ValidationError(location,
                    $"residency: deployment '{deployment}' is in {worldCode} in world '{world!.Name}', not {code} (leave it out: the world file says where it is)");
            }
        }

        foreach (var replica in Residency.Replication)
        {
            var known = Residency.Jurisdictions.ContainsKey(replica.To) || world?.Deployments.Any(d => d.Name == replica.To) == true;
            if (!known)
            {
                yield return new ValidationError(replica.Location,
                    $"residency: '{replica.From}' replicates to '{replica.To}', which {(world is null ? "has no jurisdiction under residency.jurisdictions" : $"is not in world '{world.Name}' or residency.jurisdictions")}");
            }
        }
    }

    private static string Unknown(string what, string name, WorldDefinition world, IEnumerable<string> known)
    {
        var list = known.ToList();
        var closest = KeySuggester.Closest(name, list);
        var hint = closest is null ? string.Empty : $"; did you mean '{closest}'?";
        return $"{what} '{name}' is not in world '{world.Name}' ({what}s: {string.Join(", ", list)}){hint}";
    }
}

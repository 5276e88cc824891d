namespace Latency.RunDirectory;

/// <summary>
/// Where one of a study's probes or deployments is on the globe (run.json <c>study.places[]</c>), as its world file's
/// <c>location</c> gives it, so that the report can draw its map from the run directory alone.
/// </summary>
public sealed record StudyPlace
{
    /// <summary><see cref="Kind"/> of a probe (where users are).</summary>
    public const string ProbeKind = "probe";

    /// <summary><see cref="Kind"/> of a deployment (where a backend runs).</summary>
    public const string DeploymentKind = "deployment";

    /// <summary>The probe's or deployment's name as in histogram tags, e.g. "mumbai".</summary>
    public required string Name { get; init; }

    /// <summary><see cref="ProbeKind"/> or <see cref="DeploymentKind"/>: a probe and a deployment may share a name.</summary>
    public required string Kind { get; init; }

    /// <summary>For people: the probe's city ("Mumbai") or the deployment's site ("aws:ap-south-1 Mumbai").</summary>
    public string? Label { get; init; }

    /// <summary>Decimal degrees, north positive.</summary>
    public required double Latitude { get; init; }

    /// <summary>Decimal degrees, east positive.</summary>
    public required double Longitude { get; init; }

    /// <summary>The world file's citation of the coordinates (source, then "; assumption: ..." when it has one).</summary>
    public string? Source { get; init; }
}

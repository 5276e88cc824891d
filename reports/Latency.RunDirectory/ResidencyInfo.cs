namespace Latency.RunDirectory;

/// <summary>
/// Where a study's user data went (run.json <c>study.residency</c>; null in older files): each deployment's
/// jurisdiction, the copies declared, the jurisdictions watched, and the traffic counted per cell, option and
/// deployment. Reports turn it into shares per country and option (the residency section).
/// </summary>
public sealed record ResidencyInfo
{
    /// <summary>The jurisdictions the study watches (<c>study.residency.forbidden</c>, else the origins').</summary>
    public IReadOnlyList<string> Forbidden { get; init; } = [];

    /// <summary>Deployment -> jurisdiction, for every deployment reached or copied to; null values are unknown.</summary>
    public IReadOnlyDictionary<string, string?> Jurisdictions { get; init; } = new Dictionary<string, string?>();

    /// <summary>Jurisdiction code -> name for people ("CN" -> "China"), where the harness knows one.</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    /// <summary>Declared copies.</summary>
    public IReadOnlyList<ResidencyReplication> Replication { get; init; } = [];

    /// <summary>Traffic per cell, option and deployment, copies included.</summary>
    public IReadOnlyList<ResidencyFlow> Flows { get; init; } = [];
}

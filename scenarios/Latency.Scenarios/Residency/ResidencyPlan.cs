namespace Latency.Scenarios.Residency;

/// <summary>
/// What a study run needs to count residency: each deployment's jurisdiction (null: unknown), the copies made, the
/// jurisdictions watched, and the residency thresholds. Resolved from the world file and the study's
/// <c>residency</c> section by <see cref="Studies.StudyDefinition.ResolveResidency"/>.
/// </summary>
/// <param name="Jurisdictions">Deployment -> jurisdiction, for every deployment the study reaches or copies to.</param>
/// <param name="Replication">Every declared copy, world's and study's.</param>
/// <param name="Forbidden">The jurisdictions the report and thresholds watch.</param>
/// <param name="Thresholds">The study's residency thresholds.</param>
public sealed record ResidencyPlan(
    IReadOnlyDictionary<string, string?> Jurisdictions,
    IReadOnlyList<ReplicationDefinition> Replication,
    IReadOnlyList<string> Forbidden,
    IReadOnlyList<ResidencyThreshold> Thresholds)
{
    /// <summary>The jurisdiction of <paramref name="deployment"/>, or null when nobody said.</summary>
    /// <param name="deployment">A deployment's name.</param>
    public string? JurisdictionOf(string deployment) => Jurisdictions.TryGetValue(deployment, out var code) ? code : null;
}

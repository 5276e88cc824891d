using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Residency;

/// <summary>
/// A study's <c>residency</c> section: which jurisdictions users' data must not reach, and, for deployments the world
/// file does not place (all of them with <c>world: none</c>), where their data rests and where it is copied.
/// </summary>
/// <param name="Forbidden">Jurisdictions the report and thresholds watch; null: those of the compared origins.</param>
/// <param name="Jurisdictions">Deployment -> jurisdiction, for deployments the world does not place.</param>
/// <param name="Replication">Copies the study declares, added to the world's.</param>
/// <param name="Location">Where the section starts.</param>
public sealed record StudyResidencyDefinition(
    IReadOnlyList<string>? Forbidden,
    IReadOnlyDictionary<string, (string Code, SourceLocation Location)> Jurisdictions,
    IReadOnlyList<ReplicationDefinition> Replication,
    SourceLocation? Location = null)
{
    /// <summary>No section written: forbidden are the origins' jurisdictions, nothing declared.</summary>
    public static StudyResidencyDefinition None { get; } = new(null, new Dictionary<string, (string, SourceLocation)>(), []);
}

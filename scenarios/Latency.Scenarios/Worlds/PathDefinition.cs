using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Worlds;

/// <summary>The network between one probe and one deployment, with optional per-profile overrides.</summary>
/// <param name="Probe">Name of a probe of the same world.</param>
/// <param name="Deployment">Name of a deployment of the same world.</param>
/// <param name="Base">The values used in every profile that does not override them; <see cref="PathParameters.RttMs"/> is set.</param>
/// <param name="Overrides">Per profile name, the values that differ from <paramref name="Base"/>.</param>
/// <param name="Note">Free text about the path (how it is routed, why these rows).</param>
/// <param name="Location">Where the path was written.</param>
public sealed record PathDefinition(
    string Probe,
    string Deployment,
    PathParameters Base,
    IReadOnlyDictionary<string, PathParameters> Overrides,
    string? Note = null,
    SourceLocation? Location = null)
{
    /// <summary>The values in effect under <paramref name="profile"/>: the base, overridden where the profile says.</summary>
    public PathParameters ParametersFor(string profile) =>
        Overrides.TryGetValue(profile, out var overrides) ? Base.OverriddenBy(overrides) : Base;
}

namespace Latency.Scenarios.Studies;

/// <summary>Where a study's probes and deployments live.</summary>
public enum StudyWorldSource
{
    /// <summary>The world embedded in the harness (scenarios/world/asia.yaml); the caller resolves it.</summary>
    Builtin,

    /// <summary>A world file, <see cref="StudyDefinition.WorldPath"/>.</summary>
    File,

    /// <summary>No emulation: deployments are real base URLs (<see cref="StudyDefinition.Endpoints"/>), probes are location labels.</summary>
    None,
}

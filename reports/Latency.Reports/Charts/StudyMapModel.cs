namespace Latency.Reports.Charts;

/// <summary>
/// What the first screen's map shows (<see cref="StudyMap.From"/>): one workload's p50 gain per country at its users'
/// city, and the deployments those comparisons used. Points only: no borders, no land shapes.
/// </summary>
public sealed record StudyMapModel
{
    /// <summary>The workload shown, as in tags, e.g. "app-cold-start".</summary>
    public required string Workload { get; init; }

    /// <summary>One marker per probe with a row for <see cref="Workload"/> and a place, in the rows' order.</summary>
    public required IReadOnlyList<StudyMapProbe> Probes { get; init; }

    /// <summary>The origins, then the in-region deployments, those rows used (those with a place).</summary>
    public required IReadOnlyList<StudyMapDeployment> Deployments { get; init; }

    /// <summary>
    /// The map's dataset and viewpoint in one sentence, e.g. "Points at city coordinates from Natural Earth populated
    /// places (public domain); no borders drawn."
    /// </summary>
    public required string Dataset { get; init; }
}

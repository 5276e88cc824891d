namespace Latency.Reports.Study;

/// <summary>One line of the study's answer: a workload seen from one probe, on the origin and in region.</summary>
public sealed record StudyRow
{
    /// <summary>The probe's name as in tags, e.g. "mumbai".</summary>
    public required string Probe { get; init; }

    /// <summary>The country for people, e.g. "India"; the probe's name when the run has no study section.</summary>
    public required string Country { get; init; }

    /// <summary>The probe's city, e.g. "Mumbai"; null when unknown.</summary>
    public string? City { get; init; }

    /// <summary>The workload's name, e.g. "app-cold-start".</summary>
    public required string Workload { get; init; }

    /// <summary>The scenario (<c>&lt;probe&gt;.&lt;workload&gt;</c>) whose histograms these are.</summary>
    public required string Scenario { get; init; }

    /// <summary>Sessions on the origin (the far deployment, normally "beijing").</summary>
    public required DeploymentSessions Origin { get; init; }

    /// <summary>Sessions on the first in-region deployment; null when the run has none for this probe.</summary>
    public DeploymentSessions? InRegion { get; init; }

    /// <summary>
    /// Origin p50 / in-region p50 of successful sessions: how many times faster in region; null when either side has
    /// no sessions. The same number as the bootstrap's point estimate (<see cref="RowStatistics.GainP50"/>).
    /// </summary>
    public double? GainP50 => Gain(Origin.P50Us, InRegion?.P50Us, InRegion?.Count);

    /// <summary>Origin p95 / in-region p95; null when either side has no sessions.</summary>
    public double? GainP95 => Gain(Origin.P95Us, InRegion?.P95Us, InRegion?.Count);

    /// <summary>"India (Mumbai)", or just the country when the city is unknown.</summary>
    public string Place => ProbeLabel.Of(Probe, Country, City);

    private double? Gain(double originUs, double? inRegionUs, long? inRegionCount) =>
        Origin.Count > 0 && inRegionCount > 0 && inRegionUs > 0 ? (double)originUs / inRegionUs.Value : null;
}

using Latency.RunDirectory;

namespace Latency.Reports.Compare;

/// <summary>
/// One distribution two runs can be compared on, named by its histogram tag. A study row is a probe's workload on one
/// deployment (<c>&lt;probe&gt;.&lt;workload&gt;/&lt;deployment&gt;/uncorrected</c>, successful sessions); a plain run
/// (URL or suite) has a row per scenario (<c>&lt;scenario&gt;/-/corrected</c>, the iteration latency from its intended
/// start) and per step (<c>&lt;scenario&gt;/&lt;step&gt;/uncorrected</c>, the step's own duration).
/// </summary>
public sealed record CompareRow
{
    /// <summary>The histogram the row compares; two runs share a row when they share this tag.</summary>
    public required HistogramTag Tag { get; init; }

    /// <summary>The study probe, e.g. "mumbai"; null in a plain run.</summary>
    public string? Probe { get; init; }

    /// <summary>The study workload, e.g. "app-cold-start"; null in a plain run.</summary>
    public string? Workload { get; init; }

    /// <summary>The study deployment, e.g. "beijing"; null in a plain run.</summary>
    public string? Deployment { get; init; }

    /// <summary>The scenario (sanitized, as in the tag).</summary>
    public string Scenario => Tag.Scenario;

    /// <summary>The step, or null for a whole iteration.</summary>
    public string? Step => Tag.IsIteration ? null : Tag.Step;

    /// <summary>
    /// The row's name as the run history keys it: <c>probe/deployment/workload</c> in a study, <c>scenario</c> for an
    /// iteration, <c>scenario/step</c> for a step.
    /// </summary>
    public string Key => Probe is not null ? $"{Probe}/{Deployment}/{Workload}" : Step is null ? Scenario : $"{Scenario}/{Step}";

    /// <summary>The row for people: "mumbai / app-cold-start on beijing", "checkout (iteration)", "checkout / login".</summary>
    public string Label => Probe is not null
        ? $"{Probe} / {Workload} on {Deployment}"
        : Step is null ? $"{Scenario} (iteration)" : $"{Scenario} / {Step}";
}

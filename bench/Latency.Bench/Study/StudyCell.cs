using Latency.Scenarios.Workloads;

namespace Latency.Bench.Study;

/// <summary>One probe and one workload of a study: sessions arrive at a Poisson rate and run on every compared deployment.</summary>
/// <param name="Probe">Where sessions start.</param>
/// <param name="Deployments">Compared deployments, origin first; each session pair runs on all of them in random order.</param>
/// <param name="Workload">The session.</param>
/// <param name="SessionsPerMinute">Mean arrival rate (Poisson).</param>
/// <param name="FixedRoles">Roles other than <c>service</c> and the deployment each goes to.</param>
public sealed record StudyCell(
    string Probe,
    IReadOnlyList<string> Deployments,
    WorkloadDefinition Workload,
    double SessionsPerMinute,
    IReadOnlyDictionary<string, string> FixedRoles)
{
    /// <summary>The rate while the cell's interval is wider than the study's precision; null: no adaptive sampling.</summary>
    public double? MaxSessionsPerMinute { get; init; }
}

using Latency.Scenarios.Validation;
using Latency.Scenarios.Workloads;

namespace Latency.Scenarios.Studies;

/// <summary>A workload of a study and how often its sessions start.</summary>
/// <param name="File">The workload file, resolved against the suite file's folder.</param>
/// <param name="Workload">The workload read from it.</param>
/// <param name="SessionsPerMinute">
/// Mean session arrivals per minute, per probe, across that probe's deployments (open model: Poisson arrivals).
/// </param>
/// <param name="Location">Where the entry was written in the suite.</param>
public sealed record StudyWorkload(string File, WorkloadDefinition Workload, double SessionsPerMinute, SourceLocation? Location = null)
{
    /// <summary>
    /// With the study's <c>precision</c>: the rate a probe's sessions of this workload run at while its p50-gain
    /// interval is still wider than the target; null: always <see cref="SessionsPerMinute"/>.
    /// </summary>
    public double? MaxSessionsPerMinute { get; init; }
}

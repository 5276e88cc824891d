namespace Latency.Scenarios.Workloads;

/// <summary>How a workload's <c>idle_before</c> is spread over its sessions (<see cref="IdleBefore"/>).</summary>
public enum IdleBeforeKind
{
    /// <summary>Every session: the same quiet time (<c>idle_before: 5m</c>).</summary>
    Fixed,

    /// <summary>Uniform between a least and a greatest quiet time (<c>idle_before: { min: 1m, max: 30m }</c>).</summary>
    Uniform,

    /// <summary>Exponential with a mean (<c>idle_before: { mean: 10m }</c>): the gaps of a memoryless (Poisson) user.</summary>
    Exponential,
}

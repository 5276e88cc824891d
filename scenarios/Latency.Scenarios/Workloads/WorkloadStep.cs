using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Workloads;

/// <summary>One item of a session, in order: a request, a group of parallel requests, or a think time.</summary>
public abstract record WorkloadStep
{
    private protected WorkloadStep() { }

    /// <summary>Where the item is in its file (null when built in code).</summary>
    public SourceLocation? Location { get; init; }
}

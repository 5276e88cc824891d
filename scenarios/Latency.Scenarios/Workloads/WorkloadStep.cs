using Latency.Scenarios.Validation;

namespace Latency.Scenarios.Workloads;

/// <summary>One item of a session, in order: a request, a group of parallel requests, or a think time.</summary>
/// <remarks>
/// Equality compares what an item does, not where it was written: <see cref="Location"/> is left out, so a workload
/// read back from <see cref="WorkloadWriter.Write(WorkloadDefinition)"/> equals the one written.
/// </remarks>
public abstract record WorkloadStep
{
    private protected WorkloadStep() { }

    /// <summary>Where the item is in its file (null when built in code). Not part of equality.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>Same kind of item; the derived records compare their own members.</summary>
    public virtual bool Equals(WorkloadStep? other) => other is not null && EqualityContract == other.EqualityContract;

    public override int GetHashCode() => EqualityContract.GetHashCode();
}

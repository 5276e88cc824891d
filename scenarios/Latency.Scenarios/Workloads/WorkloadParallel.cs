namespace Latency.Scenarios.Workloads;

/// <summary>Requests issued together (e.g. a feed's thumbnails); the group ends when the last one does.</summary>
/// <remarks>Equal when the names match and the requests are equal one by one, in order.</remarks>
public sealed record WorkloadParallel(string Name, IReadOnlyList<WorkloadRequest> Requests) : WorkloadStep
{
    public bool Equals(WorkloadParallel? other) =>
        base.Equals(other) && Name == other.Name && Requests.SequenceEqual(other.Requests);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Name, Requests.Count);
}

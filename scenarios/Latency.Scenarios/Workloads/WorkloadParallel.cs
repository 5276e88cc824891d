namespace Latency.Scenarios.Workloads;

/// <summary>Requests issued together (e.g. a feed's thumbnails); the group ends when the last one does.</summary>
public sealed record WorkloadParallel(string Name, IReadOnlyList<WorkloadRequest> Requests) : WorkloadStep;

namespace Latency.Scenarios.Workloads;

/// <summary>The user reading or the app idling between requests: counted in the session's time as it is on a phone.</summary>
public sealed record WorkloadThink(TimeSpan Duration) : WorkloadStep;

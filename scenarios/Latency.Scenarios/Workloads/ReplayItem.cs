namespace Latency.Scenarios.Workloads;

/// <summary>One request of a replay and when it is due.</summary>
/// <param name="Sequence">Position in the schedule (0-based), i.e. the order requests are issued in.</param>
/// <param name="Request">The request.</param>
/// <param name="Due">Its intended start, from the session's start: latency is measured from here, not from when it was sent.</param>
public sealed record ReplayItem(int Sequence, WorkloadRequest Request, TimeSpan Due);

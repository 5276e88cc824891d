namespace Latency.Bench.Load;

/// <summary>How a run is told to stop: <see cref="Stopping"/> ends scheduling (no new iterations; queued ones are
/// dropped), <see cref="Aborted"/> cancels iterations still in flight after the grace period.</summary>
internal sealed record RunControl(CancellationToken Stopping, CancellationToken Aborted, long? DeadlineTimestamp);

using Latency.Bench.Load;
using Latency.Scenarios.Workloads;

namespace Latency.Bench.Replay;

/// <summary>One replayed request: when it was due, when it was sent, when it ended (all from the session's start).</summary>
public sealed record ReplayOutcome(ReplayItem Item, TimeSpan Sent, TimeSpan Ended, Response Response)
{
    /// <summary>How late the request was sent against its intended time (the replay's timing error).</summary>
    public TimeSpan Lateness => Sent - Item.Due;

    /// <summary>Latency measured from the intended start (coordinated omission corrected).</summary>
    public TimeSpan CorrectedLatency => Ended - Item.Due;

    /// <summary>Latency measured from the actual send.</summary>
    public TimeSpan UncorrectedLatency => Ended - Sent;
}

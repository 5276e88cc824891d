namespace Latency.RunDirectory;

/// <summary>
/// How a distributed run was made (run.json <c>distributed</c>; null for a local run): the coordinator, the common start
/// instant, and each agent that ran a probe's cells on its own host, with its clock offset to the coordinator.
/// </summary>
public sealed record DistributedInfo
{
    /// <summary>The run's id: its JetStream stream is <c>LATENCY_RUN_&lt;id&gt;</c>, and <c>latency collect</c> takes it.</summary>
    public required string RunId { get; init; }

    /// <summary>The coordinator's host name.</summary>
    public required string Coordinator { get; init; }

    /// <summary>The instant every agent was told to start, on the coordinator's clock.</summary>
    public required DateTimeOffset StartUtc { get; init; }

    /// <summary>
    /// The largest clock-offset uncertainty the run accepts without a warning, in milliseconds (default 10): beyond it,
    /// agents' start instants and interval times may differ by more than that, and <see cref="Notes"/> says so.
    /// </summary>
    public required double ClockUncertaintyBoundMs { get; init; }

    /// <summary>Every agent given cells, in probe order then name.</summary>
    public IReadOnlyList<AgentRunInfo> Agents { get; init; } = [];

    /// <summary>What a reader should know about how the run was distributed (an uncertain clock, a lost agent).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

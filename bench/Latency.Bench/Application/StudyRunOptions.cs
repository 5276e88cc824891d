using Latency.Bench.Distributed;

namespace Latency.Bench.Application;

/// <summary>
/// How a study runs when it is one agent's part of a distributed run (<see cref="StudyService"/>); the defaults are a
/// local run's: every arrival, no stream, start at once, a report at the end.
/// </summary>
public sealed record StudyRunOptions
{
    /// <summary>A local run.</summary>
    public static StudyRunOptions Local { get; } = new();

    /// <summary>Which arrivals of each cell this process plays (several agents of one probe split them).</summary>
    public ArrivalShare Share { get; init; } = ArrivalShare.Whole;

    /// <summary>Given a log's file name, what also receives every text written to it; null: nothing.</summary>
    public Func<string, Action<string>?>? MirrorLog { get; init; }

    /// <summary>
    /// Awaited after the world is up and calibrated, just before the sessions start: an agent says it is ready there and
    /// waits for the common start instant. Null: start at once.
    /// </summary>
    public Func<CancellationToken, Task>? BeforeStart { get; init; }

    /// <summary>Whether to write report.html at the end (an agent's part is reported by the coordinator, merged).</summary>
    public bool WriteReport { get; init; } = true;
}

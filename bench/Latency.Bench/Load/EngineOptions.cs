using HdrHistogram;
using Latency.Bench.Recording;

namespace Latency.Bench.Load;

/// <summary>How the engine runs: its clock, an optional overall time limit, and where interval snapshots go.</summary>
public sealed record EngineOptions
{
    public MonotonicClock Clock { get; init; } = MonotonicClock.System;

    /// <summary>Stops scheduling after this long (the CLI's <c>--duration</c>), whatever the timelines plan.</summary>
    public TimeSpan? DurationLimit { get; init; }

    /// <summary>Length of one interval snapshot (HdrHistogram log interval, progress refresh).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>After a stop request, how long iterations in flight may take before they are cancelled.</summary>
    public TimeSpan GracefulStopTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Receives every non-empty interval histogram (tag and timestamps set), e.g. the .hlog writer.</summary>
    public Action<IReadOnlyList<(MetricKey Key, HistogramBase Interval)>>? OnInterval { get; init; }

    /// <summary>Receives live progress after every interval.</summary>
    public Action<EngineProgress>? OnProgress { get; init; }
}

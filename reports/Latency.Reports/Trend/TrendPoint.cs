namespace Latency.Reports.Trend;

/// <summary>One run of a <see cref="TrendSeries"/>: which run it is, and the row's quantiles in it.</summary>
public sealed record TrendPoint
{
    /// <summary>The run's number in the history it came from, as <c>latency history show</c> prints it.</summary>
    public required long RunId { get; init; }

    /// <summary>When the run started; the series is in this order.</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>The text the run was stored with (e.g. "nightly"), or null.</summary>
    public string? Label { get; init; }

    /// <summary>The git commit the run was measured at, or null.</summary>
    public string? Commit { get; init; }

    /// <summary>The row's median in the run, in milliseconds.</summary>
    public required double P50Ms { get; init; }

    /// <summary>The row's 95th percentile in the run, in milliseconds.</summary>
    public required double P95Ms { get; init; }

    /// <summary>The row's 99th percentile in the run, in milliseconds: not drawn, but judged as <c>history check</c> does.</summary>
    public required double P99Ms { get; init; }
}

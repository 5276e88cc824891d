namespace Latency.RunDirectory;

/// <summary>The outcome of one scenario of a run.</summary>
public sealed record ScenarioResult
{
    /// <summary>The scenario's name as in the suite (not sanitized; tags use <see cref="HistogramTag.Sanitize"/>).</summary>
    public required string Name { get; init; }

    public required LoadModel LoadModel { get; init; }

    /// <summary>The load simulations as people read them, e.g. "inject 50/s for 00:01:00".</summary>
    public IReadOnlyList<string> Simulations { get; init; } = [];

    /// <summary>HTTP version requested, e.g. "1.1" or "2".</summary>
    public required string HttpVersion { get; init; }

    /// <summary>Maximum number of connections the scenario was allowed to open.</summary>
    public required int Connections { get; init; }

    /// <summary>Iterations the load simulations planned to start.</summary>
    public required long IntendedIterations { get; init; }

    public required IterationCounts Iterations { get; init; }

    /// <summary>Iteration latency from the intended start to the end (includes waiting to start).</summary>
    public required LatencySummary Corrected { get; init; }

    /// <summary>Iteration latency from the actual start to the end (hides coordinated omission; for comparison only).</summary>
    public required LatencySummary Uncorrected { get; init; }

    /// <summary>Failed iterations by error kind, e.g. "http_503", "timeout", "connection_refused".</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    public IReadOnlyList<StepResult> Steps { get; init; } = [];

    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];
}

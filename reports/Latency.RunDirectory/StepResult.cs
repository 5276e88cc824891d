namespace Latency.RunDirectory;

/// <summary>The outcome of one named step (usually one request) inside a scenario's iterations.</summary>
public sealed record StepResult
{
    public required string Name { get; init; }

    public required long Requests { get; init; }

    public required long Ok { get; init; }

    public required long Failed { get; init; }

    /// <summary>Failed requests by error kind, e.g. "http_503", "timeout", "connection_refused".</summary>
    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    /// <summary>The step's own duration (from its actual start), of successful runs only.</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>How long the failed runs took before they failed; null in files written before failures were kept apart.</summary>
    public LatencySummary? FailedLatency { get; init; }

    /// <summary>
    /// Per request phase ("dns", "connect", "tls", "ttfb", "transfer") of successful runs; a phase that did not happen is absent.
    /// For a session step: its critical-path totals per session, "think" and "other" too (docs/run-directory.md).
    /// </summary>
    public IReadOnlyDictionary<string, LatencySummary> Phases { get; init; } = new Dictionary<string, LatencySummary>();
}

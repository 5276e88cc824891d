namespace Latency.RunDirectory;

/// <summary>A threshold of a scenario and whether the run met it.</summary>
public sealed record ThresholdResult
{
    /// <summary>The threshold as written in the suite, e.g. "p95 &lt; 300ms".</summary>
    public required string Text { get; init; }

    public required bool Passed { get; init; }

    /// <summary>The observed value as people read it, e.g. "p95 = 231 ms"; null if it could not be measured.</summary>
    public string? Observed { get; init; }

    /// <summary>Optional explanation, e.g. why it failed.</summary>
    public string? Description { get; init; }
}

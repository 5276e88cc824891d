namespace Latency.Bench.Application;

/// <summary>The run a nightly compares with, or that there is none, and why (the summary page says both).</summary>
public sealed record BaselineChoice
{
    /// <summary>The baseline's run directory; null when there is none (the first night): nothing is compared.</summary>
    public string? Directory { get; init; }

    /// <summary>The baseline as a reader names it, e.g. <c>run 12 (2026-12-01 02:00 UTC, commit 1a2b3c4)</c>; "none" without one.</summary>
    public required string Name { get; init; }

    /// <summary>Why this run (or none) was chosen, in a sentence.</summary>
    public required string Reason { get; init; }

    /// <summary>The baseline's number in the history, when it was chosen from there.</summary>
    public long? HistoryRunId { get; init; }
}

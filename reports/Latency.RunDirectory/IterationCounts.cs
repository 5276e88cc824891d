namespace Latency.RunDirectory;

/// <summary>What happened to a scenario's iterations. Counts, not rates.</summary>
public sealed record IterationCounts
{
    /// <summary>Iterations that started.</summary>
    public required long Started { get; init; }

    /// <summary>Iterations that ran to their end (ok or failed).</summary>
    public required long Completed { get; init; }

    public required long Ok { get; init; }

    public required long Failed { get; init; }

    /// <summary>Iterations that could not start on time (no free worker, in-flight cap) and were not run.</summary>
    public required long Dropped { get; init; }

    /// <summary>Iterations that started later than intended (their corrected latency includes the wait).</summary>
    public required long Late { get; init; }
}

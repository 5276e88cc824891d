namespace Latency.RunDirectory;

/// <summary>A declared asynchronous copy of the user data written to one deployment (run.json <c>study.residency.replication</c>).</summary>
public sealed record ResidencyReplication
{
    /// <summary>The deployment written to.</summary>
    public required string From { get; init; }

    /// <summary>The deployment that gets the copy.</summary>
    public required string To { get; init; }

    /// <summary>The share of written bytes copied, 0 (exclusive) to 1.</summary>
    public required double Fraction { get; init; }
}

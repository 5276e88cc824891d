namespace Latency.Bench.Cli;

/// <summary><c>latency nightly</c>'s options as typed, before the tolerance is parsed and the default folder named.</summary>
internal sealed record NightlyOptions
{
    public string? SuitePath { get; init; }

    public required string Baseline { get; init; }

    public required string HistoryFile { get; init; }

    public string? OutDirectory { get; init; }

    public required string Tolerance { get; init; }

    public string? Duration { get; init; }

    public bool NoProgress { get; init; }

    /// <summary>Where to publish the run's metrics when it ends (<c>cloudwatch</c>), or null.</summary>
    public string? Publish { get; init; }
}

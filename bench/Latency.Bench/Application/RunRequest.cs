namespace Latency.Bench.Application;

/// <summary>What the user asked <c>latency run</c> for, as typed (validated by <see cref="RunPlanner"/>).</summary>
public sealed record RunRequest
{
    public string? SuitePath { get; init; }
    public string? OutDirectory { get; init; }
    public string? Duration { get; init; }
    public string? Url { get; init; }
    public double? Rate { get; init; }
    public int? Connections { get; init; }
    public string? Http { get; init; }
    public string? Method { get; init; }
    public string? Timeout { get; init; }
    public string? WarmUp { get; init; }
    public bool NoProgress { get; init; }

    /// <summary><c>--force</c>: empty <see cref="OutDirectory"/> first when it is a run directory that is not empty.</summary>
    public bool Force { get; init; }

    /// <summary>The history file to add the run to when it ends with a run directory (<c>--history</c>); null for none.</summary>
    public string? HistoryFile { get; init; }
}

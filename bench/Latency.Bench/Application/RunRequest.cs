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

    /// <summary><c>--nats</c>: coordinate agents on other hosts over this NATS server instead of running here; null: a local run.</summary>
    public string? Nats { get; init; }

    /// <summary><c>--creds</c>: the NATS credentials file.</summary>
    public string? NatsCredentials { get; init; }

    /// <summary><c>--wait-agents</c>: how long to wait for an agent of every probe (default 60s).</summary>
    public string? WaitAgents { get; init; }

    /// <summary><c>--clock-bound</c>: the clock-offset uncertainty beyond which the run says so (default 10ms).</summary>
    public string? ClockBound { get; init; }

    /// <summary>The history file to add the run to when it ends with a run directory (<c>--history</c>); null for none.</summary>
    public string? HistoryFile { get; init; }
}

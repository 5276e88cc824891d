namespace Latency.RunDirectory;

/// <summary>One agent of a distributed run (run.json <c>distributed.agents</c>): who it was, its clock, how its part ended.</summary>
public sealed record AgentRunInfo
{
    /// <summary>The probe it played, e.g. "mumbai".</summary>
    public required string Probe { get; init; }

    /// <summary>Its name among the probe's agents.</summary>
    public required string Name { get; init; }

    /// <summary>The host it ran on.</summary>
    public required string Host { get; init; }

    /// <summary>The program's version on that host.</summary>
    public required string Version { get; init; }

    /// <summary>Which of the probe's arrivals it played: those whose index modulo <see cref="ShareCount"/> is <see cref="ShareIndex"/>.</summary>
    public int ShareIndex { get; init; }

    /// <summary>How many agents served its probe.</summary>
    public int ShareCount { get; init; } = 1;

    /// <summary>The coordinator's clock minus its own, in milliseconds (add it to its times), measured before the start from the shortest request-reply round trip.</summary>
    public double? ClockOffsetMs { get; init; }

    /// <summary>How far the true offset can be from <see cref="ClockOffsetMs"/>: half that shortest round trip, in milliseconds.</summary>
    public double? ClockUncertaintyMs { get; init; }

    /// <summary>How its part ended: complete, partial (stopped, or lost: see <see cref="StatusReason"/>) or failed.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>Why its part is not complete; null when it is.</summary>
    public string? StatusReason { get; init; }

    /// <summary>Its scenarios (the probe's cells), as named in <see cref="RunManifest.Scenarios"/>.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    /// <summary>How hard its host worked; null when it sent no final results (lost).</summary>
    public HarnessInfo? Harness { get; init; }
}

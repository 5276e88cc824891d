namespace Latency.RunDirectory;

/// <summary>
/// The content of a run directory's <c>run.json</c>: what ran, where, when, how it ended, and a summary of every
/// scenario. The full distributions live in the interval logs listed in <see cref="HistogramLogs"/>.
/// Documented in docs/run-directory.md; bump <see cref="CurrentSchemaVersion"/> on any incompatible change.
/// </summary>
public sealed record RunManifest
{
    /// <summary>
    /// The schema version this code writes: 2, the snake_case names of every run-directory file. Version 1 was the
    /// same fields in camelCase; <see cref="RunManifestFile"/> still reads it.
    /// </summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The file name of the manifest inside a run directory.</summary>
    public const string FileName = "run.json";

    /// <summary>Schema version of the file (1 when read from a camelCase run.json); readers reject versions they do not know.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required ToolInfo Tool { get; init; }

    public required SuiteInfo Suite { get; init; }

    public required EnvironmentInfo Environment { get; init; }

    /// <summary>When the run started (wall clock, ISO 8601 with offset).</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>When the run ended or was stopped.</summary>
    public required DateTimeOffset EndedUtc { get; init; }

    public required RunStatus Status { get; init; }

    /// <summary>Why the run is not <see cref="RunStatus.Complete"/>, e.g. "interrupted by Ctrl-C"; null when complete.</summary>
    public string? StatusReason { get; init; }

    public IReadOnlyList<ScenarioResult> Scenarios { get; init; } = [];

    /// <summary>The interval logs (*.hlog) of this run, relative to the run directory.</summary>
    public IReadOnlyList<HistogramLogEntry> HistogramLogs { get; init; } = [];

    /// <summary>What a study run compared (probes, origin, in-region deployments); null for other runs and older files.</summary>
    public StudyInfo? Study { get; init; }

    /// <summary>How hard the machine worked during the run (client CPU, machine, emulator); null in older files.</summary>
    public HarnessInfo? Harness { get; init; }

    /// <summary>
    /// For a distributed run (agents on other hosts, <c>latency run --nats</c>): its coordinator, start instant and agents;
    /// null for a local run. <see cref="Harness"/> is then the busiest agent's.
    /// </summary>
    public DistributedInfo? Distributed { get; init; }
}

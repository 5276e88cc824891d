using Latency.Reports.Study;
using Latency.RunDirectory;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>
/// How a run or study ended, as facts: the input problems that stopped it before anything ran, or the run
/// directory, the run's status and the thresholds that failed. The command line turns these into output and an
/// exit code; the services never decide exit codes.
/// </summary>
public sealed record RunOutcome
{
    /// <summary>Every problem with the input (files, options, the world up); when any, nothing was run.</summary>
    public IReadOnlyList<ValidationError> Problems { get; init; } = [];

    /// <summary>The run directory written; null when nothing ran.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>The run's status; null when nothing ran.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>Why the run is not complete (interrupted, failed), when it is not.</summary>
    public string? StatusReason { get; init; }

    /// <summary>Thresholds that did not pass.</summary>
    public IReadOnlyList<FailedThreshold> FailedThresholds { get; init; } = [];

    /// <summary>The study report written at the end of a study; null for a suite's scenarios.</summary>
    public StudyReportResult? Report { get; init; }

    /// <summary>Nothing ran, because of <paramref name="problems"/>.</summary>
    public static RunOutcome Rejected(IReadOnlyList<ValidationError> problems) => new() { Problems = problems };

    /// <summary>A run that ended (completely or not) in <paramref name="runDirectory"/>.</summary>
    public static RunOutcome Ran(string runDirectory, RunMeasurement measurement) => new()
    {
        RunDirectory = runDirectory,
        // The manifest's, not the engine's: a recording failure makes a run the engine finished a failed one.
        Status = measurement.Manifest.Status,
        StatusReason = measurement.Manifest.StatusReason,
        FailedThresholds = measurement.FailedThresholds,
    };
}

using Latency.RunDirectory;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>
/// How a nightly went, step by step, as facts: the run, its adding to the history, the baseline chosen, the comparison
/// and the history check. A step that did not happen is null. Exit codes are the command line's.
/// </summary>
public sealed record NightlyOutcome
{
    /// <summary>Every problem with the input; when any, nothing was run or written.</summary>
    public IReadOnlyList<ValidationError> Problems { get; init; } = [];

    /// <summary>The request the nightly ran.</summary>
    public required NightlyRequest Request { get; init; }

    /// <summary>The run; null when nothing ran.</summary>
    public RunOutcome? Run { get; init; }

    /// <summary>run.json as the run left it; null when it cannot be read.</summary>
    public RunManifest? Manifest { get; init; }

    /// <summary>True when the run was stopped (Ctrl-C, SIGTERM): its partial results stay, nothing is judged.</summary>
    public bool Interrupted { get; init; }

    /// <summary>Adding the run to the history; null when nothing ran.</summary>
    public HistoryAddOutcome? History { get; init; }

    /// <summary>Why the run was not judged (compared, checked), when it was not: it did not complete.</summary>
    public string? NotJudgedBecause { get; init; }

    /// <summary>The baseline chosen (or that there is none); null when the run was not judged.</summary>
    public BaselineChoice? Baseline { get; init; }

    /// <summary>The comparison with the baseline; null without a baseline or when the run was not judged.</summary>
    public CompareOutcome? Compare { get; init; }

    /// <summary>The history check of the suite; null when the run was not judged.</summary>
    public HistoryCheckOutcome? Check { get; init; }

    /// <summary>Nothing ran, because of <paramref name="problems"/>.</summary>
    public static NightlyOutcome Rejected(NightlyRequest request, IReadOnlyList<ValidationError> problems) =>
        new() { Request = request, Problems = problems };
}

using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>What <see cref="HistoryService.Check"/> found: the problems that stopped it, or the rows that got slower.</summary>
public sealed record HistoryCheckOutcome
{
    /// <summary>What is wrong with the input; when any, nothing was checked.</summary>
    public IReadOnlyList<ValidationError> Problems { get; init; } = [];

    /// <summary>The rows (and quantiles) whose latest segment is a new, slower one, in the order the rows were first seen.</summary>
    public IReadOnlyList<HistoryChange> Changes { get; init; } = [];

    /// <summary>Series checked: one per suite, row and quantile.</summary>
    public int SeriesChecked { get; init; }

    /// <summary>Runs read.</summary>
    public int Runs { get; init; }
}

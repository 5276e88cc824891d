using Latency.History;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>What <see cref="HistoryService.Show"/> found: the problems that stopped it, or the selected runs.</summary>
public sealed record HistoryShowOutcome
{
    /// <summary>What is wrong with the input; when any, there are no entries.</summary>
    public IReadOnlyList<ValidationError> Problems { get; init; } = [];

    /// <summary>The selected runs, oldest first, with their selected rows.</summary>
    public IReadOnlyList<HistoryEntry> Entries { get; init; } = [];
}

using Latency.History;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>What <see cref="HistoryService.AddAsync"/> did: the problems that stopped it, or the run and how it was stored.</summary>
public sealed record HistoryAddOutcome
{
    /// <summary>What is wrong with the input; when any, nothing was stored.</summary>
    public IReadOnlyList<ValidationError> Problems { get; init; } = [];

    /// <summary>The run as read from run.json; null when rejected.</summary>
    public HistoryRun? Run { get; init; }

    /// <summary>How the run was stored; null when rejected.</summary>
    public HistoryAddResult? Result { get; init; }

    /// <summary>Nothing stored, because of <paramref name="problem"/>.</summary>
    public static HistoryAddOutcome Rejected(ValidationError problem) => new() { Problems = [problem] };
}

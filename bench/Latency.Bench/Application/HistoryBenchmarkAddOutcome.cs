using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>
/// What <see cref="HistoryService.AddBenchmarkReportsAsync"/> did: the problems that stopped it (then nothing was
/// added), or one added (or already stored) run per report file.
/// </summary>
public sealed record HistoryBenchmarkAddOutcome
{
    /// <summary>What is wrong with the input; when any, nothing was stored.</summary>
    public IReadOnlyList<ValidationError> Problems { get; init; } = [];

    /// <summary>One per report file, in file name order, each with its run and how it was stored.</summary>
    public IReadOnlyList<HistoryAddOutcome> Reports { get; init; } = [];
}

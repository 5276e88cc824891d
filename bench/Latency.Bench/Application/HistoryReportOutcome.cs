using Latency.Reports.Trend;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>What <see cref="HistoryService.ReportAsync"/> did: the problems that stopped it, or the report and the files written.</summary>
public sealed record HistoryReportOutcome
{
    /// <summary>What is wrong with the input; when any, nothing was written.</summary>
    public IReadOnlyList<ValidationError> Problems { get; init; } = [];

    /// <summary>The series drawn; null when nothing was written.</summary>
    public TrendReport? Report { get; init; }

    /// <summary>trend.html first, then each chart's PNG and SVG; empty when nothing was written.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}

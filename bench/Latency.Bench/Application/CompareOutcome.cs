using Latency.Reports.Compare;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>How a comparison ended: why the runs are not comparable, or the comparison and the files written.</summary>
public sealed record CompareOutcome
{
    /// <summary>Every difference that makes the runs not comparable (a bad path among them); empty when compared.</summary>
    public IReadOnlyList<ValidationError> Problems { get; init; } = [];

    /// <summary>The comparison; null when the runs are not comparable.</summary>
    public RunComparison? Comparison { get; init; }

    /// <summary>compare.md, compare.html and compare.json; empty when nothing was written.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}

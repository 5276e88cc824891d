using Latency.RunDirectory;
using Latency.Scenarios.Validation;

namespace Latency.Bench.Application;

/// <summary>How a calibration ended: the problems that stopped it, or the table and the file it was written to.</summary>
public sealed record CalibrationOutcome
{
    /// <summary>Why nothing was measured (no world up, a path the world lacks); empty when measured.</summary>
    public IReadOnlyList<ValidationError> Problems { get; init; } = [];

    /// <summary>Configured against measured, per path; null when nothing was measured.</summary>
    public CalibrationTable? Table { get; init; }

    /// <summary>The calibration.json written; null when nothing was measured.</summary>
    public string? File { get; init; }
}

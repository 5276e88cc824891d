namespace Latency.Reports.Compare;

/// <summary>
/// How much one row's quantiles moved between earlier runs of the same suite (<see cref="Statistics.BetweenRunSpread"/>,
/// from the run history): the standard deviation of log(run / run) at each probability the comparison reports.
/// </summary>
public sealed record RowSpread
{
    /// <summary>Earlier runs the spread comes from.</summary>
    public required int Runs { get; init; }

    /// <summary>Standard deviation of the log ratio of two runs, by probability (0.5, 0.95, 0.99); a missing one is unknown.</summary>
    public required IReadOnlyDictionary<double, double> ByProbability { get; init; }
}

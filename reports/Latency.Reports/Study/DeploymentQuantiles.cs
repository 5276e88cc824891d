using Latency.RunDirectory;
using Latency.Reports.Statistics;

namespace Latency.Reports.Study;

/// <summary>
/// The p50 and p95 session time of one deployment with their confidence intervals (<see cref="QuantileEstimator"/>),
/// from the full merged histogram: HdrHistogram's own quantile (<see cref="DeploymentSessions.P50Us"/>) is one
/// bucket's value and says nothing about how sure it is.
/// </summary>
public sealed record DeploymentQuantiles
{
    /// <summary>The probabilities estimated, in the order of <see cref="P50"/> and <see cref="P95"/>.</summary>
    public static readonly IReadOnlyList<double> Probabilities = [0.5, 0.95];

    /// <summary>The median with its 95% interval, in µs.</summary>
    public required QuantileEstimate P50 { get; init; }

    /// <summary>The 95th percentile with its 95% interval, in µs.</summary>
    public required QuantileEstimate P95 { get; init; }

    /// <summary>
    /// The quantiles of <paramref name="sessions"/> from <see cref="RunData.Totals"/> under its tag; null when the run
    /// holds no session of it (an empty histogram has no quantile to bracket).
    /// </summary>
    public static DeploymentQuantiles? From(RunData run, DeploymentSessions? sessions)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (sessions is null || !run.Totals.TryGetValue(sessions.Tag, out var histogram) || histogram.TotalCount == 0)
        {
            return null;
        }

        // One pass over the histogram for both quantiles.
        var buckets = HistogramBuckets.From(histogram);
        return new DeploymentQuantiles
        {
            P50 = QuantileEstimator.Estimate(buckets, Probabilities[0]),
            P95 = QuantileEstimator.Estimate(buckets, Probabilities[1]),
        };
    }
}

namespace Latency.Reports.Publish;

/// <summary>
/// One CloudWatch metric datum's distribution: distinct values with how many times each occurred (PutMetricData's
/// <c>Values</c> and <c>Counts</c>), at most <see cref="DistributionCompressor.MaxValuesPerDatum"/> of them. CloudWatch
/// computes percentiles from these and can merge them across data, probes and agents, which pre-computed percentile
/// gauges cannot.
/// </summary>
/// <param name="Values">Distinct values, ascending, in the metric's unit.</param>
/// <param name="Counts">How many samples each value stands for, one per value, each &gt; 0.</param>
public sealed record MetricDistribution(IReadOnlyList<double> Values, IReadOnlyList<double> Counts)
{
    /// <summary>Samples the datum stands for.</summary>
    public double SampleCount => Counts.Sum();
}

namespace Latency.Reports.Statistics;

/// <summary>A gain pooled over countries by <see cref="GeometricMeanGain"/>.</summary>
/// <param name="Gain">The geometric mean of the countries' gains.</param>
/// <param name="Lower">Lower bound of its interval.</param>
/// <param name="Upper">Upper bound of its interval.</param>
/// <param name="Countries">How many countries it pools.</param>
/// <param name="ConfidenceLevel">The interval's confidence level, e.g. 0.95.</param>
public sealed record PooledGain(double Gain, double Lower, double Upper, int Countries, double ConfidenceLevel);

using Latency.Reports.Statistics;

namespace Latency.Reports.Trend;

/// <summary>A change of level in one quantile of a <see cref="TrendSeries"/>.</summary>
/// <param name="Quantile"><c>p50</c>, <c>p95</c> or <c>p99</c>.</param>
/// <param name="Point">Where (its index in the series' points is the first run of the new level) and the medians either side, in ms.</param>
public sealed record TrendChange(string Quantile, ChangePoint Point);

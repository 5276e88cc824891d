namespace Latency.Reports.Charts;

/// <summary>One cell of a <see cref="HeatmapChart"/>: a probe's session times on one deployment, in milliseconds.</summary>
/// <param name="Probe">The row's label: the probe (country) name as in tags, e.g. "mumbai".</param>
/// <param name="Deployment">The column's label: the deployment's name, e.g. "beijing".</param>
/// <param name="P50Ms">Median session time in ms.</param>
/// <param name="P95Ms">95th percentile session time in ms.</param>
/// <param name="Place">The row's label for people, e.g. "India\nMumbai" (country, then city); the probe's name when null.</param>
public sealed record HeatmapCell(string Probe, string Deployment, double P50Ms, double P95Ms, string? Place = null);

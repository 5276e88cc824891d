using ScottPlot;

namespace Latency.Reports.Charts;

/// <summary>One deployment of a <see cref="LatencyOverTimeChart"/>: its windows in time order, legend text and colour.</summary>
public sealed record LatencyOverTimeSeries(string Label, IReadOnlyList<LatencyWindow> Windows, Color Color);

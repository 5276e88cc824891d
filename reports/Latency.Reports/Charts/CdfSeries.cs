using HdrHistogram;
using ScottPlot;

namespace Latency.Reports.Charts;

/// <summary>One distribution of a <see cref="LatencyCdfChart"/>: legend text, histogram (microseconds), colour.</summary>
public sealed record CdfSeries(string Label, HistogramBase Histogram, Color Color);

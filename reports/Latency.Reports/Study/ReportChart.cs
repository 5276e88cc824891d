using Latency.Reports.Charts;

namespace Latency.Reports.Study;

/// <summary>A chart: Markdown links the files under charts/, HTML embeds the PNG.</summary>
public sealed record ReportChart(RenderedChart Chart) : ReportBlock;

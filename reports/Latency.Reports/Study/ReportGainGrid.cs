namespace Latency.Reports.Study;

/// <summary>The country x workload grid: HTML fills each cell on the gain scale, Markdown writes it as a table.</summary>
/// <param name="Grid">The grid.</param>
/// <param name="Caption">What a cell shows, in one sentence.</param>
public sealed record ReportGainGrid(GainGrid Grid, string Caption) : ReportBlock;

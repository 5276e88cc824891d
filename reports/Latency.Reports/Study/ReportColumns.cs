namespace Latency.Reports.Study;

/// <summary>Two groups of blocks side by side in HTML (one after the other on a narrow window and in Markdown).</summary>
/// <param name="Left">The wider, left column.</param>
/// <param name="Right">The right column.</param>
public sealed record ReportColumns(IReadOnlyList<ReportBlock> Left, IReadOnlyList<ReportBlock> Right) : ReportBlock;

namespace Latency.Reports.Study;

/// <summary>A bulleted list.</summary>
public sealed record ReportList(IReadOnlyList<string> Items) : ReportBlock;

namespace Latency.Reports.Study;

/// <summary>Plain text.</summary>
public sealed record ReportParagraph(string Text) : ReportBlock;

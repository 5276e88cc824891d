namespace Latency.Reports.Study;

/// <summary>A heading; level 1 is the document's title.</summary>
public sealed record ReportHeading(int Level, string Text) : ReportBlock;

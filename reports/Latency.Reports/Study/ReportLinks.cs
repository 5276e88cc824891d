namespace Latency.Reports.Study;

/// <summary>A bulleted list of links, e.g. from a summary page to the documents it summarizes.</summary>
public sealed record ReportLinks(IReadOnlyList<ReportLink> Links) : ReportBlock;

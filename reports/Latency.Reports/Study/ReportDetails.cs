namespace Latency.Reports.Study;

/// <summary>
/// A section for engineers, collapsed in HTML (<c>details</c>) so the page opens on the answer; a section with its
/// heading in Markdown.
/// </summary>
/// <param name="Title">The section's title, shown when collapsed.</param>
/// <param name="Blocks">Its content.</param>
public sealed record ReportDetails(string Title, IReadOnlyList<ReportBlock> Blocks) : ReportBlock;

namespace Latency.Reports.Study;

/// <summary>
/// One block of a report document. The report is built once as blocks and rendered to Markdown and HTML by
/// <see cref="MarkdownRenderer"/> and <see cref="HtmlRenderer"/>, so the two documents cannot say different things.
/// </summary>
public abstract record ReportBlock;

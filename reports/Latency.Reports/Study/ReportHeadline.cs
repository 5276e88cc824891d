namespace Latency.Reports.Study;

/// <summary>The report's answer in one sentence (<see cref="StudyHeadline"/>): the first thing on the page.</summary>
public sealed record ReportHeadline(string Text) : ReportBlock;

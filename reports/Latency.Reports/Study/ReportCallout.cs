namespace Latency.Reports.Study;

/// <summary>Something a reader must not miss (relay backend, partial run, unreadable files): shown prominently.</summary>
public sealed record ReportCallout(string Title, string Text) : ReportBlock;

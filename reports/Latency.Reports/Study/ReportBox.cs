namespace Latency.Reports.Study;

/// <summary>A boxed list beside the answer, e.g. the trust box: how far the numbers can be trusted.</summary>
/// <param name="Id">The HTML id of the box.</param>
/// <param name="Title">The box's title.</param>
/// <param name="Items">Its lines.</param>
public sealed record ReportBox(string Id, string Title, IReadOnlyList<string> Items) : ReportBlock;

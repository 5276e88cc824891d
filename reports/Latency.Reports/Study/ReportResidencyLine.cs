namespace Latency.Reports.Study;

/// <summary>The first screen's sentence on where users' data went (<see cref="ResidencySummary.Sentence"/>), under the headline.</summary>
/// <param name="Text">The sentence.</param>
public sealed record ReportResidencyLine(string Text) : ReportBlock;

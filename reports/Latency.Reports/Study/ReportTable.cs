namespace Latency.Reports.Study;

/// <summary>A table; <paramref name="NumericColumns"/> are right-aligned.</summary>
public sealed record ReportTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlySet<int> NumericColumns)
    : ReportBlock;

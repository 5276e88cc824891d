namespace Latency.History;

/// <summary>One BenchmarkDotNet JSON report as a history run and its rows (<see cref="BenchmarkReports.Read"/>).</summary>
/// <param name="Run">The run: suite <c>bdn:</c> and the benchmark class, the report's time, the file's commit.</param>
/// <param name="Rows">One row per benchmark, in picoseconds.</param>
public sealed record BenchmarkReportRun(HistoryRun Run, IReadOnlyList<HistoryRow> Rows);

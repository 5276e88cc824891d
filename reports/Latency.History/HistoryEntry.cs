namespace Latency.History;

/// <summary>A run read back from the history, with its rows (those the query asked for).</summary>
public sealed record HistoryEntry(HistoryRun Run, IReadOnlyList<HistoryRow> Rows);

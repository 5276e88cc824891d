namespace Latency.Bench.Application;

/// <summary>What <c>latency compare</c> was asked for.</summary>
/// <param name="BaselineDirectory">The run directory compared against.</param>
/// <param name="CurrentDirectory">The run directory judged.</param>
/// <param name="Tolerance">The share (0.05 = 5%) within which a ratio counts as no change.</param>
/// <param name="OutDirectory">Where to write compare.md|html|json; null: the current run directory.</param>
/// <param name="HistoryFile">
/// The run history whose earlier runs of the same suite on the same machine widen each interval by their between-run
/// spread; null for the two runs' own noise alone.
/// </param>
public sealed record CompareRequest(string BaselineDirectory, string CurrentDirectory, double Tolerance, string? OutDirectory,
    string? HistoryFile = null);
